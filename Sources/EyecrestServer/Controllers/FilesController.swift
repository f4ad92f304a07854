import EyecrestAPI
import EyecrestEngine
import Foundation
import Hummingbird

/// `/v1/datasets/{datasetId}/files…`: batch upsert, batch delete, list, read one.
struct FilesController {
    typealias Context = EyecrestRequestContext
    let services: ServerServices

    func register(_ routes: RouteRegistrar) {
        routes.on(.put, "/v1/datasets/{datasetId}/files", use: upsert)
        routes.on(.delete, "/v1/datasets/{datasetId}/files", use: delete)
        routes.on(.get, "/v1/datasets/{datasetId}/files", use: list)
        routes.on(.get, "/v1/datasets/{datasetId}/files/{path}", use: read)
    }

    private var engine: Engine { services.engine }
    private var limits: RequestLimits { services.configuration.limits }

    /// The whole batch is checked (here for limits, in the engine for names, content,
    /// metadata and weights) before anything is written.
    @Sendable func upsert(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        let body = try await JSONBody.decode(UpsertFilesRequest.self, from: request, limit: limits.maxBodyBytes)
        guard body.files.count <= limits.maxFilesPerBatch else {
            throw APIError(.contentTooLarge, code: "too_many_files", "At most \(limits.maxFilesPerBatch) files per request.")
        }
        var uploads: [FileUpload] = []
        for (index, file) in body.files.enumerated() {
            guard file.content.utf8.count <= limits.maxFileBytes else {
                throw APIError(
                    .contentTooLarge, code: "file_too_large", "files[\(index)] ('\(file.filename.prefix(80))') is larger than \(limits.maxFileBytes) bytes.")
            }
            let metadata = try file.metadata.map { try JSONValue.object($0).jsonText() }
            uploads.append(FileUpload(filename: file.filename, content: file.content, metadata: metadata, weight: file.weight ?? 1.0))
        }
        let (services, batch) = (self.services, uploads)
        let results = try await withWritePriority {
            let results = try await services.engine.upsertFiles(org: org, dataset: id, files: batch)
            if results.contains(where: { $0.status != .unchanged }) { await services.refreshDatasetGauges(org: org, dataset: id) }
            return results
        }
        let replication = await services.replication(org: org, dataset: id, wait: body.waitForReplication)
        return JSONResponse.make(UpsertResponse(results: results.map(EyecrestAPI.UpsertResult.init), replication: replication))
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        let body = try await JSONBody.decode(DeleteFilesRequest.self, from: request, limit: limits.maxBodyBytes)
        guard body.filenames.count <= limits.maxFilesPerBatch else {
            throw APIError(.contentTooLarge, code: "too_many_files", "At most \(limits.maxFilesPerBatch) filenames per request.")
        }
        let services = self.services
        let deleted = try await withWritePriority {
            let deleted = try await services.engine.deleteFiles(org: org, dataset: id, filenames: body.filenames)
            if !deleted.isEmpty { await services.refreshDatasetGauges(org: org, dataset: id) }
            return deleted
        }
        let gone = Set(deleted)
        let replication = await services.replication(org: org, dataset: id, wait: body.waitForReplication)
        return JSONResponse.make(
            DeleteFilesResponse(deleted: deleted, notFound: body.filenames.filter { !gone.contains($0) }, replication: replication))
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        try await ForcedRegion(request).check(dataset: id, org: org, services: services)
        let query = QueryParameters(request.uri)
        let limit = try query.int("limit", in: 1...1_000) ?? 100
        let page = try await engine.listFiles(org: org, dataset: id, prefix: query.string("prefix"), cursor: query.string("cursor"), limit: limit)
        return JSONResponse.make(FileList(files: page.files.map(FileInfo.init), nextCursor: page.nextCursor))
    }

    /// `start`/`end` (1-based, inclusive) slice the content; `showLineNumbers` prefixes
    /// each line with its number (`showLineNumbers` with an empty value, as the original
    /// eyecrest API allowed, means true).
    @Sendable func read(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        let filename = try Self.filename(from: context)
        try await ForcedRegion(request).check(dataset: id, org: org, services: services)
        let query = QueryParameters(request.uri)
        let start = try query.int("start", in: 1...Int(Int32.max))
        let end = try query.int("end", in: 1...Int(Int32.max))
        let showLineNumbers = try query.bool("showLineNumbers") ?? false
        if let start, let end, start > end { throw APIError.invalidParameter("'start' must not be greater than 'end'.") }
        let file = try await engine.file(org: org, dataset: id, filename: filename)
        let sliced = start != nil || end != nil || showLineNumbers
        let content = sliced ? FileSlice.render(file.content, start: start, end: end, showLineNumbers: showLineNumbers) : file.content
        return JSONResponse.make(FileContent(file, content: content, startLine: start == nil && end == nil ? nil : (start ?? 1), endLine: end))
    }

    /// The catch-all arrives percent-encoded: each `/`-separated component is decoded on
    /// its own (an encoded `%2F` is still a separator in a filename, which is a path).
    static func filename(from context: Context) throws -> String {
        let raw = context.parameters[Parameters.recursiveCaptureKey].map(String.init) ?? ""
        var components: [String] = []
        for component in raw.split(separator: "/", omittingEmptySubsequences: false) {
            guard let decoded = component.removingPercentEncoding else {
                throw APIError(.badRequest, code: "invalid_filename", "The file path in the URL is not valid percent-encoding.")
            }
            components.append(decoded)
        }
        return components.joined(separator: "/")
    }
}
