import EyecrestAPI
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// The document's body schemas are derived from the wire types (`EyecrestAPI`): these
/// tests hold them to what the server really sends and accepts.
@Suite("OpenAPI schemas derived from the wire types")
struct OpenAPISchemaTests {
    @Test func everyWireTypeHasASchema() throws {
        let schemas = try SchemaRecorder.schemas(of: WireTypes.all)
        for type in WireTypes.all { #expect(schemas[type.schemaName] != nil, "\(type.schemaName)") }
        // Nested bodies come along by reference.
        for nested in ["DatasetStats", "DatasetSizeBreakdown", "FileInput", "UpsertResult", "FileSummary", "SearchHit", "Highlight", "ImportSkippedEntry"] {
            #expect(schemas[nested] != nil, "\(nested)")
        }
        let hit = try #require(schemas["SearchHit"])
        guard case .object(let members) = hit, case .array(let required)? = members["required"], case .object(let properties)? = members["properties"]
        else { Issue.record("SearchHit: \(hit)"); return }
        #expect(required.contains("sectionSlug") && !required.contains("metadata") && !required.contains("title"))
        #expect(properties["sectionSlug"] != nil && properties["slug"] == nil)
        #expect(properties["highlights"] == ["type": "array", "items": ["$ref": "#/components/schemas/Highlight"]])
        guard case .object(let metadata)? = properties["metadata"] else { Issue.record("SearchHit.metadata: \(hit)"); return }
        #expect(metadata["type"] == "object" && metadata["additionalProperties"] == true)
    }

    /// A body the recorder cannot read is an error naming it, not a wrong schema.
    @Test func aBodyNotDecodedFromKeysIsRefused() {
        struct Wrapped: WireSchema {
            var value: String
            init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(String.self) }
        }
        struct Holder: WireSchema { var wrapped: Wrapped }
        #expect(throws: SchemaRecordingError.self) { try SchemaRecorder.schemas(of: [Holder.self]) }
    }

    /// Every answer of every JSON route, and every request body, checked against the
    /// served document: types right, required keys present, no key the document lacks;
    /// and every property of every response schema seen in some answer.
    @Test func realAnswersAndRequestsMatchTheDerivedSchemas() async throws {
        try await withTestServer { client in
            let document = try await client.call(.get, "/openapi.json")
            var validator = SchemaValidator(document: try JSONDecoder().decode(JSONValue.self, from: Data(document.text.utf8)))
            func check(_ result: JSONResult, _ component: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
                #expect(result.status.code < 300, "\(component): \(result.text)", sourceLocation: sourceLocation)
                validator.validate(try JSONDecoder().decode(JSONValue.self, from: Data(result.text.utf8)), component: component)
            }
            func send(_ method: HTTPRequest.Method, _ uri: String, _ body: JSONValue, as component: String) async throws -> JSONResult {
                validator.validate(body, component: component)
                return try await client.call(method, uri, body: String(decoding: try JSONEncoder().encode(body), as: UTF8.self))
            }

            let create: JSONValue = ["shards": 1, "primaryRegion": "wnam", "replicaRegions": ["weur"], "waitForReplication": true, "provider": "sqlite"]
            try check(try await send(.post, "/v1/datasets/d", create, as: "CreateDatasetRequest"), "Dataset")
            let files: JSONValue = [
                "files": [
                    ["filename": "guide/install.md", "content": .string(Fixtures.install), "metadata": ["url": "/install", "rank": 2], "weight": 1.5],
                    ["filename": "config.md", "content": .string(Fixtures.config)],
                ],
                "waitForReplication": true,
            ]
            try check(try await send(.put, "/v1/datasets/d/files", files, as: "UpsertFilesRequest"), "UpsertFilesResponse")
            try check(try await client.call(.get, "/v1/datasets"), "DatasetList")
            try check(try await client.call(.get, "/v1/datasets/d"), "Dataset")
            try check(try await client.call(.get, "/v1/datasets/d/size"), "DatasetSize")
            try check(try await client.call(.get, "/v1/datasets/d/files?limit=1"), "FileList")
            try check(try await client.call(.get, "/v1/datasets/d/files?prefix=guide"), "FileList")
            try check(try await client.call(.get, "/v1/datasets/d/files/guide/install.md?start=2&end=6"), "File")
            try check(try await client.call(.get, "/v1/datasets/d/search?query=linux+package"), "SearchResponse")
            try check(try await client.call(.get, "/v1/datasets/d/search?query=configuration"), "SearchResponse")
            try check(try await client.call(.get, "/v1/datasets/d/search?query=configuraton"), "SearchResponse")  // a typo: `corrections`
            let synonyms: JSONValue = ["groups": [["install", "setup"]], "oneWay": [["word": "config", "synonyms": ["configuration"]]]]
            try check(try await send(.put, "/v1/datasets/d/synonyms", synonyms, as: "Synonyms"), "Synonyms")
            try check(try await client.call(.get, "/v1/datasets/d/synonyms"), "Synonyms")
            // Another shard count: 202 with `resharding`.
            let reshard = try await send(.post, "/v1/datasets/d", ["shards": 2], as: "CreateDatasetRequest")
            #expect(reshard.status == .accepted, "\(reshard.text)")
            try check(reshard, "Dataset")
            var tar = TarBuilder()
            tar.file("repo-main/extra.md", "# Extra\n\nMore.\n")
            tar.symlink("repo-main/link.md", to: "extra.md")
            tar.end()
            try check(try await client.importArchive("d", tar.gzipped), "ImportResponse")
            let delete: JSONValue = ["filenames": ["config.md", "missing.md"], "waitForReplication": true]
            try check(try await send(.delete, "/v1/datasets/d/files", delete, as: "DeleteFilesRequest"), "DeleteFilesResponse")
            let missing = try await client.call(.get, "/v1/datasets/nothing")
            validator.validate(try JSONDecoder().decode(JSONValue.self, from: Data(missing.text.utf8)), component: "Error")
            try check(try await client.call(.delete, "/v1/datasets/d"), "DeletedDataset")
            for request in [["url": "https://example.com/a.tar.gz", "path": "docs", "metadata": ["a": 1]] as JSONValue] {
                validator.validate(request, component: "ImportURLRequest")
            }
            validator.validate(["owner": "o", "repo": "r", "branch": "main", "path": "docs", "metadata": [:]], component: "ImportGitHubRequest")

            #expect(validator.issues.isEmpty, "\(validator.issues.joined(separator: "\n"))")
            let responses = [
                "Dataset", "DatasetStats", "DatasetList", "DatasetSize", "DatasetSizeBreakdown", "UpsertFilesResponse", "UpsertResult",
                "DeleteFilesResponse", "FileList", "FileSummary", "File", "SearchResponse", "SearchHit", "Highlight", "ImportResponse",
                "ImportSkippedEntry", "Error", "DeletedDataset",
            ]
            // Answered only in a cluster (ClusterTests checks them there).
            let clusterOnly: [String: Set<String>] = ["Dataset": ["replicas"]]
            for name in responses {
                let unseen = validator.properties(of: name).subtracting(validator.seen[name] ?? []).subtracting(clusterOnly[name] ?? [])
                #expect(!validator.properties(of: name).isEmpty && unseen.isEmpty, "\(name): never answered \(unseen.sorted())")
            }
        }
    }
}
