import EyecrestAPI
import Foundation

extension OpenAPIDocument {
    /// `components/schemas` of every request and response body, derived from the wire
    /// types themselves (``SchemaRecorder`` runs their decoding code), so that a field
    /// renamed or added in `EyecrestAPI` is renamed or added here too. Only what depends on
    /// this server's configuration is written in here: the limits and the error codes.
    static func schemas(_ limits: RequestLimits) -> Section {
        // Derivation fails only for a type the recorder cannot read, which `OpenAPITests`
        // would catch; the document then lacks the schemas rather than the server failing.
        var schemas = (try? SchemaRecorder.schemas(of: WireTypes.all)) ?? [:]
        set(&schemas, "UpsertFilesRequest", "files", "maxItems", .int(Int64(limits.maxFilesPerBatch)))
        set(&schemas, "DeleteFilesRequest", "filenames", "maxItems", .int(Int64(limits.maxFilesPerBatch)))
        set(
            &schemas, "FileInput", "content", "description",
            .string("At most \(limits.maxFileBytes) bytes of UTF-8 (configurable; 8 MiB by default)."))
        set(&schemas, "Error", "code", "enum", .array(errorCodes.map(JSONValue.string)))
        return Section(schemas: members(of: schemas))
    }

    /// Every stable error code, as docs/api.md lists them.
    static let errorCodes = [
        "invalid_json", "invalid_field", "missing_field", "invalid_parameter", "missing_parameter", "invalid_dataset_id",
        "invalid_filename", "invalid_content", "invalid_argument", "unauthenticated", "malformed_token", "unsupported_algorithm",
        "unknown_key", "invalid_signature", "token_expired", "token_not_yet_valid", "missing_claim", "invalid_claim",
        "dataset_not_found", "file_not_found", "not_found", "method_not_allowed", "conflict", "resharding_in_progress", "region_unavailable",
        "payload_too_large", "too_many_files", "file_too_large", "query_too_long", "invalid_archive", "archive_too_large",
        "too_many_entries", "archive_entry_too_large", "fetch_failed", "fetch_timeout", "url_not_allowed", "repository_not_found",
        "limit_exceeded", "unsupported_media_type", "bad_request", "storage_error", "resource_exhausted", "internal_error",
        "server_busy", "rate_limited", "request_timeout", "web_ui_unavailable",
        // Regions (docs/cluster.md).
        "unknown_region", "invalid_regions", "too_many_regions", "primary_region_immutable", "cluster_unavailable", "region_down",
        "invalid_cluster_key", "invalid_org",
    ]

    /// Sets `keyword` of property `property` of component `component`.
    private static func set(_ schemas: inout [String: JSONValue], _ component: String, _ property: String, _ keyword: String, _ value: JSONValue) {
        guard case .object(var schema)? = schemas[component], case .object(var properties)? = schema["properties"],
            case .object(var field)? = properties[property]
        else { return }
        field[keyword] = value
        properties[property] = .object(field)
        schema["properties"] = .object(properties)
        schemas[component] = .object(schema)
    }

    /// `"Name": {…}, …` members of a JSON object, sorted by name.
    private static func members(of schemas: [String: JSONValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(schemas) else { return "" }
        let object = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return String(object.dropFirst().dropLast()).trimmingCharacters(in: .newlines)
    }
}
