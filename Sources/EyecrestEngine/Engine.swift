import EyecrestMarkdown
import Foundation
import Logging
import Synchronization

/// The eyecrest engine: datasets of markdown files, chunked into sections, stored in
/// SQLite, indexed in memory (``SectionIndex``) and searched with ranked, snippeted results. Usable as a library without
/// any server.
///
/// Layout of the data directory:
/// ```
/// catalog.sqlite                    which datasets exist, per org (and reshardings running)
/// datasets/<storage-id>/shard-N.sqlite      shards of a dataset never resharded
/// datasets/<storage-id>/shard-N.gG.sqlite   shards of generation G (each resharding writes the next)
/// ```
/// Every method takes the org from its caller: datasets are keyed by (org, dataset id),
/// and another org's dataset is indistinguishable from a missing one.
public final class Engine: Sendable {
    public let dataDirectory: URL
    let catalog: Catalog
    let chunker: Chunker
    let registry: DatasetRegistry
    /// Set while ``warmUp()`` runs.
    let warming = Mutex<WarmUpProgress?>(nil)
    let logger: Logger
    /// The tasks that carry reshardings to their end.
    let resharder = ReshardingRunner()
    /// Operation-log entries each shard keeps (see ``init(dataDirectory:chunker:maxOpenShards:logRetention:logger:)``).
    let logRetention: Int
    let failures: StorageFailure

    public static let maxShards = 256

    /// Signalled after every committed write to a dataset (upsert, delete, applied log,
    /// installed snapshot), so that replication can wait for changes instead of polling.
    public let commits = ChangeSignal<DatasetKey>()

    /// Opens (creating if needed) the data directory. Dataset folders the catalog does
    /// not know (left by a crash between catalog and disk) are removed.
    ///
    /// - Parameter maxOpenShards: how many shard databases may be open at once; the least
    ///   recently used idle datasets close beyond it and reopen on demand. Nil derives it
    ///   from the process's open-file limit (``defaultMaxOpenShards``).
    /// - Parameter logRetention: how many operation-log entries each shard keeps for
    ///   replicas to catch up from; a replica further behind installs a snapshot.
    public init(
        dataDirectory: URL, chunker: Chunker = Chunker(), maxOpenShards: Int? = nil,
        logRetention: Int = Engine.defaultLogRetention, logger: Logger = Logger(label: "eyecrest.engine")
    ) throws {
        self.dataDirectory = dataDirectory
        self.chunker = chunker
        self.logger = logger
        self.logRetention = logRetention
        let failures = StorageFailure(logger: logger)
        self.failures = failures
        let fileManager = FileManager.default
        let datasetsFolder = Self.datasetsFolder(dataDirectory)
        let catalog = try failures.translating {
            try fileManager.createDirectory(at: datasetsFolder, withIntermediateDirectories: true)
            return try Catalog(path: dataDirectory.appendingPathComponent("catalog.sqlite").path)
        }
        self.catalog = catalog
        registry = DatasetRegistry(maxOpenShards: maxOpenShards ?? Self.defaultMaxOpenShards, logger: logger) { key in
            try failures.translating {
                guard let config = try catalog.dataset(org: key.org, id: key.id) else { throw EngineError.datasetNotFound(key.id) }
                let folder = datasetsFolder.appendingPathComponent(config.storageID)
                try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
                let resharding = try catalog.resharding(org: key.org, id: key.id)
                func open(_ index: Int, generation: Int, pin: Int64? = nil) throws -> ShardStore {
                    try ShardStore(
                        path: Self.shardPath(folder, index, generation: generation), chunker: chunker, failures: failures,
                        epoch: config.placement.epoch, logRetention: logRetention, logPin: pin)
                }
                let shards = try (0..<config.shardCount).map { index in
                    try open(index, generation: config.generation, pin: resharding?.jobs.first { $0.shard == index }?.startSeq)
                }
                let target = try (0..<(resharding?.to ?? 0)).map { try open($0, generation: config.generation + 1) }
                return DatasetHandle(config: config, shards: shards, target: target)
            }
        }
        let known = try failures.translating { try catalog.allStorageIDs() }
        for folder in (try? fileManager.contentsOfDirectory(atPath: datasetsFolder.path)) ?? [] where !known.contains(folder) {
            try? fileManager.removeItem(at: datasetsFolder.appendingPathComponent(folder))
        }
        // Shards of a generation that is neither current nor being written: the old one
        // after a crash between a resharding's switch and their deletion.
        let resharding = Set(try failures.translating { try catalog.reshardingDatasets() })
        for config in try failures.translating({ try catalog.allDatasets() }) {
            let next = resharding.contains(DatasetKey(org: config.orgID, id: config.datasetID)) ? config.generation + 1 : config.generation
            Self.removeShardFiles(in: datasetsFolder.appendingPathComponent(config.storageID)) {
                $0.generation != config.generation && $0.generation != next
            }
        }
    }

    static func datasetsFolder(_ root: URL) -> URL { root.appendingPathComponent("datasets") }

    /// Shard `index` of a generation: generation 0 is the one a dataset is created with,
    /// each resharding writes the next.
    static func shardPath(_ folder: URL, _ index: Int, generation: Int) -> String {
        folder.appendingPathComponent(shardFileName(index, generation: generation)).path
    }

    static func shardFileName(_ index: Int, generation: Int) -> String {
        generation == 0 ? "shard-\(index).sqlite" : "shard-\(index).g\(generation).sqlite"
    }

    /// Operation-log entries kept per shard by default: about 1 MB of log, hours of
    /// ordinary write traffic for a replica to catch up from without a snapshot.
    public static let defaultLogRetention = 10_000

    /// The default limit of open shard databases: what the process's open-file limit
    /// allows, keeping a reserve for connections and the catalog.
    public static var defaultMaxOpenShards: Int { DatasetRegistry.defaultMaxOpenShards() }
    /// The soft open-file limit of this process, which the server's connection limit also derives from.
    public static var openFileLimit: Int { DatasetRegistry.currentFileLimit() }

    /// Open databases against their limit, and the last time a resource ran out.
    public var health: EngineHealth {
        let exhaustion = failures.exhaustion
        return EngineHealth(
            openShards: registry.openShards, maxOpenShards: registry.maxOpenShards,
            secondsSinceResourceExhaustion: exhaustion.map { (ContinuousClock.now - $0.at).components.seconds },
            resourceExhaustion: exhaustion?.message, loading: warming.withLock { $0 })
    }

    // MARK: Datasets

    /// Creates a dataset, or returns the existing one when its shard count matches.
    ///
    /// - Parameter placement: the regions that hold it, recorded for the cluster (an
    ///   existing dataset keeps its own; see ``setPlacement(org:id:_:)``).
    @discardableResult
    public func createDataset(
        org: String, id: String, shards: Int = 1, placement: DatasetPlacement = DatasetPlacement()
    ) async throws -> (config: DatasetConfig, created: Bool) {
        try Validation.validateDatasetID(id)
        guard (1...Self.maxShards).contains(shards) else {
            throw EngineError.invalidArgument("shards must be between 1 and \(Self.maxShards).")
        }
        let proposal = DatasetConfig(orgID: org, datasetID: id, shardCount: shards, createdAt: Date(), storageID: UUID().uuidString.lowercased(),
            placement: placement)
        let (config, created) = try storage { try catalog.insert(proposal) }
        if !created, config.shardCount != shards {
            throw EngineError.conflict("Dataset '\(id)' has \(config.shardCount) shards; changing the shard count needs resharding.")
        }
        // Open it now, so that its shards exist on disk when the call returns. A new
        // dataset that cannot be opened (out of descriptors, disk full) is not kept.
        do {
            try await withDataset(org: org, id: id) { _ in }
        } catch {
            if created { try? await deleteDataset(org: org, id: id) }
            throw error
        }
        return (config, created)
    }

    public func dataset(org: String, id: String) async throws -> DatasetConfig {
        try await withDataset(org: org, id: id) { $0.config }
    }

    public func datasets(org: String) throws -> [DatasetConfig] {
        try storage { try catalog.datasets(org: org) }
    }

    public func stats(org: String, dataset id: String) async throws -> DatasetStats {
        try await withDataset(org: org, id: id) { handle in
            let counts = try await Searcher.forEachShard(handle.shards) { _, store in try store.counts() }
            return DatasetStats(
                files: counts.reduce(0) { $0 + $1.files }, sections: counts.reduce(0) { $0 + $1.sections },
                contentBytes: counts.reduce(0) { $0 + $1.contentBytes }, metadataBytes: counts.reduce(0) { $0 + $1.metadataBytes },
                // A resharding's new shards take disk space too until the old ones go.
                diskBytes: (handle.shards + handle.target).reduce(0) { $0 + $1.diskBytes() }, shardSequences: counts.map(\.seq))
        }
    }

    /// Deletes a dataset and its files from disk. Operations already running on it finish
    /// first; requests arriving meanwhile wait and then find it gone.
    public func deleteDataset(org: String, id: String) async throws {
        try Validation.validateDatasetID(id)
        let catalog = self.catalog
        let folder = Self.datasetsFolder(dataDirectory)
        let logger = self.logger
        let failures = self.failures
        let commits = self.commits
        try await exclusive(org: org, id: id) {
            let removed = try failures.translating { try catalog.remove(org: org, id: id) }
            guard let removed else { throw EngineError.datasetNotFound(id) }
            commits.signal(DatasetKey(org: org, id: id))
            do {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(removed.storageID))
            } catch {
                // The catalog no longer names the folder: the next start removes it.
                logger.warning("a deleted dataset's folder could not be removed", metadata: ["error": "\(error)"])
            }
        }
    }

    // MARK: Files

    /// Inserts or replaces files. The whole batch is validated before anything is
    /// written; each shard's part is written in one transaction. Results are in input
    /// order.
    public func upsertFiles(org: String, dataset id: String, files: [FileUpload]) async throws -> [UpsertResult] {
        let handle = try await lease(org: org, id: id)
        defer { handle.release() }
        let prepared = try FilePreparation.prepare(files)
        var byShard: [Int: [PreparedFile]] = [:]
        for file in prepared {
            byShard[ShardHash.shard(of: file.upload.filename, shardCount: handle.shards.count), default: []].append(file)
        }
        // Phase 1, every shard: compare with what is stored.
        let shardsToCheck = byShard
        var planned = try await withThrowingTaskGroup(of: (Int, [PreparedFile], [UpsertResult]).self) { group in
            for (shard, batch) in shardsToCheck {
                let store = handle.shards[shard]
                group.addTask {
                    let current = try await store.currentVersions(of: batch.map(\.upload.filename))
                    var changed: [PreparedFile] = []
                    var unchanged: [UpsertResult] = []
                    for file in batch {
                        if let stored = current[file.upload.filename], stored.isUnchanged(by: file.upload, sha: file.sha) {
                            unchanged.append(UpsertResult(
                                filename: file.upload.filename, status: .unchanged, sha: file.sha, sections: stored.sections,
                                seq: stored.seq, shard: shard))
                            continue
                        }
                        // A new SHA is decoded below; a weight or metadata change is not.
                        var file = file
                        file.needsIndexing = current[file.upload.filename]?.sha != file.sha
                        changed.append(file)
                    }
                    return (shard, changed, unchanged)
                }
            }
            var all: [(Int, [PreparedFile], [UpsertResult])] = []
            for try await part in group { all.append(part) }
            return all
        }
        // Phase 1b: decode, chunk and tokenize what changed, on every core. Invalid UTF-8
        // throws here, before any shard has written anything.
        try await prepareConcurrently(&planned, tokenizingWith: handle.shards[0])
        // Phase 2: one write transaction per shard that has changes.
        let results = try await withThrowingTaskGroup(of: [UpsertResult].self) { group in
            for (shard, changed, unchanged) in planned {
                let store = handle.shards[shard]
                group.addTask { changed.isEmpty ? unchanged : try await store.apply(changed, shard: shard) + unchanged }
            }
            var all: [UpsertResult] = []
            for try await part in group { all.append(contentsOf: part) }
            return all
        }
        if results.contains(where: { $0.status != .unchanged }) { commits.signal(DatasetKey(org: org, id: id)) }
        if !handle.target.isEmpty {
            let files = Dictionary(planned.flatMap(\.1).map { ($0.upload.filename, $0) }, uniquingKeysWith: { first, _ in first })
            await doubleWrite(results.compactMap { result in
                guard result.status != .unchanged, let file = files[result.filename] else { return nil }
                return .upsert(file, version: result.seq)
            }, handle: handle)
        }
        let byName = Dictionary(results.map { ($0.filename, $0) }, uniquingKeysWith: { first, _ in first })
        return files.compactMap { byName[$0.filename] }
    }

    /// Decodes, chunks and tokenizes every file of `planned` marked ``PreparedFile/needsIndexing``,
    /// in one slice per core; the tokenizer comes from a reader of `store`.
    private func prepareConcurrently(_ planned: inout [(Int, [PreparedFile], [UpsertResult])], tokenizingWith store: ShardStore) async throws {
        let places = planned.indices.flatMap { part in planned[part].1.indices.compactMap { planned[part].1[$0].needsIndexing ? (part, $0) : nil } }
        guard !places.isEmpty else { return }
        let slices = max(1, min(places.count / 8, ProcessInfo.processInfo.activeProcessorCount))
        let chunker = self.chunker
        let work = (0..<slices).map { slice in
            stride(from: slice, to: places.count, by: slices).map { (places[$0], planned[places[$0].0].1[places[$0].1]) }
        }
        let done = try await withThrowingTaskGroup(of: [((Int, Int), PreparedFile)].self) { group in
            for files in work {
                group.addTask {
                    try store.read { db in
                        let tokenizer = try db.makeTokenizer(Searcher.tokenizer)
                        return try files.map { place, file in
                            var file = file
                            try FilePreparation.decode(&file, chunker: chunker)
                            FilePreparation.index(&file, tokenizer: tokenizer)
                            return (place, file)
                        }
                    }
                }
            }
            var all: [((Int, Int), PreparedFile)] = []
            for try await part in group { all += part }
            return all
        }
        for ((part, index), file) in done { planned[part].1[index] = file }
    }

    /// Deletes files by name; returns the names that existed.
    public func deleteFiles(org: String, dataset id: String, filenames: [String]) async throws -> [String] {
        let handle = try await lease(org: org, id: id)
        defer { handle.release() }
        for name in filenames { try Validation.validateFilename(name) }
        var grouped: [Int: [String]] = [:]
        for name in Set(filenames) {
            grouped[ShardHash.shard(of: name, shardCount: handle.shards.count), default: []].append(name)
        }
        let byShard = grouped
        let deleted = try await Searcher.forEachShard(handle.shards) { index, store in
            guard let names = byShard[index] else { return [String: Int64]() }
            return try await store.delete(names)
        }
        let gone = deleted.reduce(into: [String: Int64]()) { all, part in all.merge(part) { first, _ in first } }
        if !gone.isEmpty { commits.signal(DatasetKey(org: org, id: id)) }
        if !handle.target.isEmpty {
            await doubleWrite(gone.map { .delete(filename: $0.key, version: $0.value) }, handle: handle)
        }
        return filenames.filter { gone[$0] != nil }
    }

    public func file(org: String, dataset id: String, filename: String) async throws -> StoredFile {
        let handle = try await lease(org: org, id: id)
        defer { handle.release() }
        try Validation.validateFilename(filename)
        let store = handle.shards[ShardHash.shard(of: filename, shardCount: handle.shards.count)]
        guard let file = try await store.file(named: filename) else { throw EngineError.fileNotFound(filename) }
        return file
    }

    /// One page of files in filename order. Pass the returned cursor to get the next.
    public func listFiles(
        org: String, dataset id: String, prefix: String? = nil, cursor: String? = nil, limit: Int = 100
    ) async throws -> (files: [FileSummary], nextCursor: String?) {
        let handle = try await lease(org: org, id: id)
        defer { handle.release() }
        guard (1...1_000).contains(limit) else { throw EngineError.invalidArgument("limit must be between 1 and 1000.") }
        let pages = try await Searcher.forEachShard(handle.shards) { _, store in
            try await store.files(prefix: prefix, after: cursor, limit: limit + 1)
        }
        let merged = pages.flatMap { $0 }.sorted { $0.filename < $1.filename }
        let page = Array(merged.prefix(limit))
        return (page, merged.count > limit ? page.last?.filename : nil)
    }

    // MARK: Search

    /// Searches a dataset. With `exhaustive`, every matching section is scored instead of
    /// skipping the blocks whose score bounds cannot reach the page: the same answer,
    /// slower; `eyecrest bench --check-pruning` uses it to check the fast path.
    public func search(org: String, dataset id: String, _ request: SearchRequest, exhaustive: Bool = false) async throws -> SearchResponse {
        let handle = try await lease(org: org, id: id)
        defer { handle.release() }
        return try await Searcher.search(request, shards: handle.shards, synonyms: handle.synonyms, pruning: !exhaustive)
    }

    /// Bytes the dataset's in-memory index holds (for benchmarks and capacity planning).
    public func indexMemoryBytes(org: String, dataset id: String) async throws -> Int {
        let handle = try await lease(org: org, id: id)
        defer { handle.release() }
        return handle.shards.reduce(0) { $0 + $1.index.snapshot().segments.reduce(0) { $0 + $1.byteCount } }
    }

    // MARK: Internals

    /// A lease on a dataset's open shards, opening them on first use. Every operation on
    /// a dataset holds one while it runs (``DatasetHandle/release()`` when done), so that
    /// closing and deleting wait for it.
    func lease(org: String, id: String) async throws -> DatasetHandle {
        try Validation.validateDatasetID(id)
        return try await registry.lease(DatasetRegistry.Key(org: org, id: id))
    }

    /// Runs `body` alone on the dataset: its open handle is retired and closed first, and
    /// requests arriving meanwhile wait (deleting it, replacing a shard's database).
    func exclusive(org: String, id: String, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await registry.exclusive(DatasetRegistry.Key(org: org, id: id), body)
    }

    func withDataset<T>(org: String, id: String, _ body: (DatasetHandle) async throws -> T) async throws -> T {
        let handle = try await lease(org: org, id: id)
        defer { handle.release() }
        return try await body(handle)
    }

    /// Runs a storage operation, logging the underlying failure and rethrowing it as
    /// ``EngineError/storage(_:)`` so no SQL or path reaches a caller.
    private func storage<T>(_ body: () throws -> T) throws -> T {
        try failures.translating(body)
    }
}
