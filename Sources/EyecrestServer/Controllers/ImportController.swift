import EyecrestAPI
import EyecrestEngine
import Foundation
import Hummingbird

/// `/v1/datasets/{datasetId}/import/…`: markdown from a `.tar.gz`, sent in the body,
/// fetched from a URL, or fetched from a GitHub branch.
///
/// All or nothing: the archive is read to its end (and must be whole: gzip trailer, tar
/// end marker) before the engine sees any file, and then every file goes to the engine in
/// one upsert, which validates the batch whole before it writes. A broken archive, a
/// limit or a failed fetch stores nothing. (The engine writes each shard's part of a
/// batch in that shard's own transaction; see docs/api.md "Import" for what that means
/// for multi-shard datasets.)
struct ImportController {
    typealias Context = EyecrestRequestContext
    let services: ServerServices

    func register(_ routes: RouteRegistrar) {
        routes.on(.post, "/v1/datasets/{datasetId}/import/tar", use: importTar)
        routes.on(.post, "/v1/datasets/{datasetId}/import/github", use: importGitHub)
    }

    /// The media types a `.tar.gz` body may be sent as.
    static let archiveMediaTypes: Set<String> = ["application/gzip", "application/x-gzip", "application/octet-stream"]

    private var limits: RequestLimits { services.configuration.limits }

    /// A `.tar.gz` body (options in the query), or JSON `{url, path?, metadata?}`.
    @Sendable func importTar(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        // A missing dataset is answered before a byte of the archive is read or fetched.
        _ = try await services.engine.dataset(org: org, id: id)
        let contentType = request.headers[.contentType]
        if JSONBody.isJSON(contentType) {
            let body = try await JSONBody.decode(ImportURLRequest.self, from: request, limit: limits.maxBodyBytes)
            let url = try ArchiveFetcher.validate(body.url)
            var options = try ArchiveImportOptions(path: body.path, metadata: body.metadata)
            options.waitForReplication = try QueryParameters(request.uri).bool("waitForReplication")
            return try await fetchAndStore(
                url, from: services.configuration.importURLPolicy, notFound: .fetchFailed, options: options, org: org, dataset: id)
        }
        guard Self.isArchive(contentType) else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                "Send a .tar.gz as Content-Type: application/gzip (or application/x-gzip, application/octet-stream), or {\"url\": …} as application/json.")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limits.maxArchiveBytes {
            throw APIError.archiveTooLarge("archive", limit: limits.maxArchiveBytes)
        }
        var options = try ArchiveImportOptions(query: QueryParameters(request.uri))
        options.waitForReplication = try QueryParameters(request.uri).bool("waitForReplication")
        let contents = try await ArchiveReader(limits: limits, prefix: options.prefix).read(request.body)
        return try await store(contents, options: options, org: org, dataset: id)
    }

    /// JSON `{owner, repo, branch?, path?, metadata?}`: the branch's archive from the
    /// configured host.
    @Sendable func importGitHub(_ request: Request, context: Context) async throws -> Response {
        let org = try context.requireOrg()
        let id = try context.datasetID()
        _ = try await services.engine.dataset(org: org, id: id)
        let body = try await JSONBody.decode(ImportGitHubRequest.self, from: request, limit: limits.maxBodyBytes)
        let branch = body.branch ?? "main"
        let url = try GitHubArchive.url(host: services.configuration.githubArchiveHost, owner: body.owner, repo: body.repo, branch: branch)
        var options = try ArchiveImportOptions(path: body.path, metadata: body.metadata)
        options.waitForReplication = try QueryParameters(request.uri).bool("waitForReplication")
        // The operator chose this host (and tests run it on loopback): it is not checked.
        return try await fetchAndStore(
            url, from: .unrestricted, notFound: .repository("\(body.owner)/\(body.repo)@\(branch)"), options: options, org: org,
            dataset: id)
    }

    private func fetchAndStore(
        _ url: URL, from destinations: FetchDestinationPolicy, notFound: ArchiveFetcher.NotFound, options: ArchiveImportOptions,
        org: String, dataset id: String
    ) async throws -> Response {
        let reader = ArchiveReader(limits: limits, prefix: options.prefix)
        let fetcher = ArchiveFetcher(settings: services.configuration.archiveFetch, maxArchiveBytes: limits.maxArchiveBytes, destinations: destinations)
        let contents = try await fetcher.fetch(url, notFound: notFound) { try await reader.read($0) }
        return try await store(contents, options: options, org: org, dataset: id)
    }

    /// One engine upsert for the whole archive (even beyond `maxFilesPerBatch`, which
    /// bounds JSON batches; archives are bounded by their own limits), then the answer.
    private func store(_ contents: ArchiveContents, options: ArchiveImportOptions, org: String, dataset id: String) async throws -> Response {
        let uploads = contents.files.map { FileUpload(filename: $0.filename, content: $0.content, metadata: options.metadata) }
        let results = uploads.isEmpty ? [] : try await services.engine.upsertFiles(org: org, dataset: id, files: uploads)
        let unchanged = results.count { $0.status == .unchanged }
        if results.count > unchanged { await services.refreshDatasetGauges(org: org, dataset: id) }
        let replication = await services.replication(org: org, dataset: id, wait: options.waitForReplication)
        return JSONResponse.make(
            ImportResponse(
                filesImported: results.count - unchanged, filesUnchanged: unchanged, filesSkipped: contents.skippedCount,
                totalSizeBytes: contents.files.reduce(0) { $0 + $1.content.count },
                skipped: contents.skipped.map { ImportSkippedEntry(path: $0.path, reason: $0.reason) }, replication: replication))
    }

    static func isArchive(_ contentType: String?) -> Bool {
        JSONBody.mediaType(contentType).map(archiveMediaTypes.contains) ?? false
    }
}
