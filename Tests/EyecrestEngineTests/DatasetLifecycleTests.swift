import Dispatch
import Foundation
import Synchronization
import Testing

@testable import EyecrestEngine

/// Datasets open once, are leased by every operation, close when idle beyond the limit,
/// and are drained before they are deleted or replaced.
@Suite("Dataset lifecycle")
struct DatasetLifecycleTests {
    static let guide = "# Guide\n\n## Install\n\nRun the installer.\n"

    @Test("Deleting a dataset waits for operations running on it; the ones after find it gone", .timeLimit(.minutes(5)))
    func deleteDrainsLeases() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestSupport.load([FileUpload(filename: "guide.md", content: Self.guide)], into: engine, dataset: "docs")

        let running = try await engine.lease(org: "test", id: "docs")
        let deleted = Atomic(false)
        let deletion = Task {
            try await engine.deleteDataset(org: "test", id: "docs")
            deleted.store(true, ordering: .sequentiallyConsistent)
        }
        // A request that arrives while the deletion waits must wait too.
        let later = Task { try await engine.file(org: "test", dataset: "docs", filename: "guide.md") }
        try await Task.sleep(for: .milliseconds(200))
        let deletedEarly = deleted.load(ordering: .sequentiallyConsistent)
        #expect(!deletedEarly, "the deletion did not wait for the running operation")
        // The running operation still reads from open databases.
        let file = try #require(try await running.shards[0].file(named: "guide.md"))
        #expect(file.sections == 2)
        running.release()

        try await deletion.value
        await #expect(throws: EngineError.datasetNotFound("docs")) { try await later.value }
        await #expect(throws: EngineError.datasetNotFound("docs")) { try await engine.stats(org: "test", dataset: "docs") }
        #expect(engine.health.openShards == 0)

        // The same name is a new, empty dataset.
        #expect(try await engine.createDataset(org: "test", id: "docs").created)
        #expect(try await engine.stats(org: "test", dataset: "docs").files == 0)
    }

    @Test("Past the limit, idle datasets close; every dataset stays readable and writable")
    func idleDatasetsClose() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let engine = try Engine(dataDirectory: directory, maxOpenShards: 4)
        let names = (0..<30).map { "ds-\($0)" }
        for (index, name) in names.enumerated() {
            try await engine.createDataset(org: "test", id: name, shards: index % 3 == 0 ? 2 : 1)
            _ = try await engine.upsertFiles(org: "test", dataset: name, files: [
                FileUpload(filename: "\(name).md", content: "# \(name)\n\nThe word pelican lives in \(name).\n"),
            ])
            #expect(engine.health.openShards <= 4)
        }
        for name in names.shuffled() {
            let response = try await engine.search(org: "test", dataset: name, SearchRequest(query: "pelican"))
            #expect(response.hits.map(\.filename) == ["\(name).md"])
            _ = try await engine.upsertFiles(org: "test", dataset: name, files: [FileUpload(filename: "more.md", content: "# More\n")])
            #expect(try await engine.stats(org: "test", dataset: name).files == 2)
            #expect(engine.health.openShards <= 4)
        }
        #expect(try await engine.checkIntegrity().problems == [])
        #expect(engine.health.maxOpenShards == 4)
    }

    @Test("A dataset that takes long to open does not hold up the others", .timeLimit(.minutes(5)))
    func openingIsPerDataset() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let gate = DispatchSemaphore(value: 0)
        let registry = DatasetRegistry(maxOpenShards: 16, logger: .init(label: "test")) { key in
            if key.id == "slow" { gate.wait() }
            return try Self.handle(key, in: directory)
        }
        let slow = Task { try await registry.lease(.init(org: "o", id: "slow")) }
        try await Task.sleep(for: .milliseconds(50))
        // With one lock held while opening, this would wait for the gate forever.
        let fast = try await registry.lease(.init(org: "o", id: "fast"))
        #expect(fast.config.datasetID == "fast")
        fast.release()
        gate.signal()
        let opened = try await slow.value
        #expect(opened.config.datasetID == "slow")
        opened.release()
    }

    @Test("Concurrent first uses of one dataset open it once")
    func openedOnce() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let opens = Atomic(0)
        let registry = DatasetRegistry(maxOpenShards: 16, logger: .init(label: "test")) { key in
            opens.add(1, ordering: .sequentiallyConsistent)
            return try Self.handle(key, in: directory)
        }
        let handles = try await withThrowingTaskGroup(of: DatasetHandle.self) { group in
            for _ in 0..<32 { group.addTask { try await registry.lease(.init(org: "o", id: "docs")) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let openCount = opens.load(ordering: .sequentiallyConsistent)
        #expect(openCount == 1)
        #expect(Set(handles.map(ObjectIdentifier.init)).count == 1)
        for handle in handles { handle.release() }
    }

    @Test("An exclusive operation replaces a handle at runtime: leases drain first, later requests get the new one", .timeLimit(.minutes(5)))
    func handlesAreReplaceable() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let registry = DatasetRegistry(maxOpenShards: 16, logger: .init(label: "test")) { key in try Self.handle(key, in: directory) }
        let key = DatasetRegistry.Key(org: "o", id: "docs")
        let old = try await registry.lease(key)
        let bodyRan = Atomic(false)
        let replacement = Task {
            try await registry.exclusive(key) { bodyRan.store(true, ordering: .sequentiallyConsistent) }
        }
        let waiting = Task { try await registry.lease(key) }
        try await Task.sleep(for: .milliseconds(100))
        let ranEarly = bodyRan.load(ordering: .sequentiallyConsistent)
        #expect(!ranEarly, "the exclusive body ran while a lease was out")
        old.release()
        try await replacement.value
        let ran = bodyRan.load(ordering: .sequentiallyConsistent)
        #expect(ran)
        let new = try await waiting.value
        #expect(new !== old)
        #expect(try new.shards[0].counts().files == 0)
        new.release()
    }

    /// A one-shard handle for `key` under `directory`, as the engine's opener makes it.
    static func handle(_ key: DatasetRegistry.Key, in directory: URL) throws -> DatasetHandle {
        let config = DatasetConfig(orgID: key.org, datasetID: key.id, shardCount: 1, createdAt: Date(), storageID: key.id)
        let store = try ShardStore(
            path: directory.appendingPathComponent("\(key.id)-\(UUID().uuidString).sqlite").path, chunker: .init(),
            failures: StorageFailure(logger: .init(label: "test")))
        return DatasetHandle(config: config, shards: [store])
    }
}
