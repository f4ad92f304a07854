import AsyncHTTPClient
import Foundation
import NIOHTTP1

extension EyecrestClient {
    // MARK: Datasets

    /// Creates a dataset, or returns the existing one (`created == false`). Regions are
    /// echoed: the server is single-node. `provider` is the original eyecrest API's and
    /// ignored.
    @discardableResult
    public func createDataset(
        _ id: String, shards: Int? = nil, primaryRegion: String? = nil, replicaRegions: [String]? = nil, waitForReplication: Bool? = nil,
        provider: String? = nil
    ) async throws -> Dataset {
        let body = CreateDatasetRequest(
            shards: shards, primaryRegion: primaryRegion, replicaRegions: replicaRegions, waitForReplication: waitForReplication,
            provider: provider)
        return try decode(Dataset.self, await send(.POST, "/v1/datasets/\(Self.encode(id))", json: body))
    }

    /// Changes a dataset's shard count online. The answer carries `resharding` with its
    /// progress while it runs (poll ``dataset(_:)``), and none when the dataset already
    /// has `shards` shards.
    public func reshard(_ id: String, shards: Int) async throws -> Dataset {
        try await createDataset(id, shards: shards)
    }

    public func listDatasets() async throws -> [Dataset] {
        try decode(DatasetList.self, await send(.GET, "/v1/datasets")).datasets
    }

    /// One dataset's configuration and stats.
    public func dataset(_ id: String) async throws -> Dataset {
        try decode(Dataset.self, await send(.GET, "/v1/datasets/\(Self.encode(id))"))
    }

    public func deleteDataset(_ id: String) async throws {
        _ = try await send(.DELETE, "/v1/datasets/\(Self.encode(id))")
    }

    public func size(_ id: String) async throws -> DatasetSize {
        try decode(DatasetSize.self, await send(.GET, "/v1/datasets/\(Self.encode(id))/size"))
    }

    // MARK: Files

    /// Upserts a batch: all files are validated before any is written.
    public func upsertFiles(_ dataset: String, files: [FileInput], waitForReplication: Bool? = nil) async throws -> UpsertResponse {
        let body = UpsertFilesRequest(files: files, waitForReplication: waitForReplication)
        return try decode(UpsertResponse.self, await send(.PUT, "/v1/datasets/\(Self.encode(dataset))/files", json: body))
    }

    public func deleteFiles(_ dataset: String, filenames: [String], waitForReplication: Bool? = nil) async throws -> DeleteFilesResponse {
        let body = DeleteFilesRequest(filenames: filenames, waitForReplication: waitForReplication)
        return try decode(DeleteFilesResponse.self, await send(.DELETE, "/v1/datasets/\(Self.encode(dataset))/files", json: body))
    }

    /// One page of the file listing, in filename order.
    public func listFiles(_ dataset: String, prefix: String? = nil, cursor: String? = nil, limit: Int? = nil) async throws -> FileList {
        let query = [("prefix", prefix), ("cursor", cursor), ("limit", limit.map(String.init))]
        return try decode(FileList.self, await send(.GET, "/v1/datasets/\(Self.encode(dataset))/files", query: query))
    }

    /// Every file of the dataset, following cursors.
    public func allFiles(_ dataset: String, prefix: String? = nil) async throws -> [FileInfo] {
        var files: [FileInfo] = []
        var cursor: String?
        repeat {
            let page = try await listFiles(dataset, prefix: prefix, cursor: cursor, limit: 1_000)
            files += page.files
            cursor = page.nextCursor
        } while cursor != nil
        return files
    }

    /// One file; `start`/`end` (1-based, inclusive) slice it.
    public func file(_ dataset: String, filename: String, start: Int? = nil, end: Int? = nil, showLineNumbers: Bool = false) async throws
        -> FileContent
    {
        let query = [("start", start.map(String.init)), ("end", end.map(String.init)), ("showLineNumbers", showLineNumbers ? "true" : nil)]
        let path = "/v1/datasets/\(Self.encode(dataset))/files/\(Self.encodePath(filename))"
        return try decode(FileContent.self, await send(.GET, path, query: query))
    }

    // MARK: Search

    public func search(_ dataset: String, query: String, options: SearchOptions = SearchOptions()) async throws -> SearchResults {
        try decode(SearchResults.self, await send(.GET, "/v1/datasets/\(Self.encode(dataset))/search", query: Self.searchQuery(query, options)))
    }

    // MARK: Synonyms

    /// The dataset's synonyms.
    public func synonyms(_ dataset: String) async throws -> Synonyms {
        try decode(Synonyms.self, await send(.GET, "/v1/datasets/\(Self.encode(dataset))/synonyms"))
    }

    /// Replaces every synonym rule of the dataset; returns what is stored.
    public func setSynonyms(_ dataset: String, _ synonyms: Synonyms) async throws -> Synonyms {
        try decode(Synonyms.self, await send(.PUT, "/v1/datasets/\(Self.encode(dataset))/synonyms", json: synonyms))
    }

    /// Removes every synonym rule of the dataset.
    public func deleteSynonyms(_ dataset: String) async throws {
        _ = try await send(.DELETE, "/v1/datasets/\(Self.encode(dataset))/synonyms")
    }

    /// The same search as markdown for LLMs.
    public func searchText(_ dataset: String, query: String, options: SearchOptions = SearchOptions()) async throws -> String {
        let response = try await send(.GET, "/v1/datasets/\(Self.encode(dataset))/search.txt", query: Self.searchQuery(query, options))
        return String(decoding: response.body, as: UTF8.self)
    }

    private static func searchQuery(_ query: String, _ options: SearchOptions) -> [(String, String?)] {
        [
            ("query", query), ("page", options.page.map(String.init)), ("perPage", options.perPage.map(String.init)),
            ("maxChunksPerFile", options.maxChunksPerFile.map(String.init)), ("snippetLength", options.snippetLength.map(String.init)),
            ("pathPrefix", options.pathPrefix), ("typoTolerance", options.typoTolerance.map { String($0) }),
        ]
    }

    // MARK: Service

    /// True when `GET /health` answers 200.
    public func health() async -> Bool {
        (try? await send(.GET, "/health")) != nil
    }

    /// The Prometheus text of `GET /metrics`.
    public func metrics() async throws -> String {
        String(decoding: try await send(.GET, "/metrics").body, as: UTF8.self)
    }

    /// The raw OpenAPI document of `GET /openapi.json`.
    public func openAPIDocument() async throws -> Data {
        try await send(.GET, "/openapi.json").body
    }
}
