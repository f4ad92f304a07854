@testable import EyecrestEngine
import EyecrestMarkdown
import Foundation
import GRDB
import Testing

/// The pipeline that chunks and tokenizes a batch while the writer stores it: every file
/// comes out as preparing it alone would make it, whoever prepared it (a worker, or the
/// writer instead of waiting), and no writer waits forever when a worker cannot start.
@Suite("Preparation pipeline")
struct PreparationPipelineTests {
    /// 150 pages of the Rust book and the Astro docs (ten chunks), with their text
    /// decoded as the upsert does before anything is written.
    static func inputs() throws -> [PreparedFile] {
        try FilePreparation.prepare(TestSupport.rustBookAndAstro(astroPages: 50).prefix(150).map { $0 }).map { file in
            var file = file
            file.text = try FilePreparation.decodeText(file)
            return file
        }
    }

    /// What preparing `file` alone gives: its rows and each row's tokens.
    static func alone(_ file: PreparedFile, store: ShardStore) throws -> [String] {
        var file = file
        try store.read { db in
            try FilePreparation.decode(&file, chunker: Chunker())
            FilePreparation.index(&file, tokenizer: try db.makeTokenizer(Searcher.tokenizer))
        }
        return describe(file)
    }

    static func describe(_ file: PreparedFile) -> [String] {
        (file.sections ?? []).map { "\($0.row) \($0.tokens.bytes) \($0.tokens.ends) \($0.tokens.occurrences) \($0.tokens.total)" }
    }

    static func store(in directory: URL) throws -> ShardStore {
        try ShardStore(
            path: directory.appendingPathComponent("shard.sqlite").path, chunker: Chunker(),
            failures: StorageFailure(logger: .init(label: "test")))
    }

    @Test("Without a worker, the writer prepares every file itself, as preparing it alone would")
    func writerAlone() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Self.store(in: directory)
        let inputs = try Self.inputs()
        #expect(inputs.count > 9 * PreparationPipeline.chunkSize)
        let pipeline = PreparationPipeline(inputs, chunker: Chunker())
        let prepared = try await store.write { db in try inputs.indices.map { try Self.describe(pipeline.file($0, db: db)) } }
        for (file, sections) in zip(inputs, prepared) {
            #expect(!sections.isEmpty || file.upload.content.isEmpty)
            #expect(sections == (try Self.alone(file, store: store)), "\(file.upload.filename)")
        }
    }

    @Test("A worker and the writer together prepare every file once and in place")
    func workerAndWriter() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Self.store(in: directory)
        let inputs = try Self.inputs()
        let pipeline = PreparationPipeline(inputs, chunker: Chunker())
        async let worker: Void = pipeline.run(tokenizingWith: store)
        let prepared = try await store.write { db in try inputs.indices.map { try Self.describe(pipeline.file($0, db: db)) } }
        await worker
        for (file, sections) in zip(inputs, prepared) {
            #expect(sections == (try Self.alone(file, store: store)), "\(file.upload.filename)")
        }
        // Taken again after the writer, without a connection: nothing is left to wait for.
        #expect(try Self.describe(pipeline.file(inputs.count - 1, db: nil)) == prepared.last)
    }

    @Test("A worker that cannot read fails the chunks it takes, so the writer throws instead of waiting")
    func workerWithoutAReader() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let closed = try Self.store(in: directory)
        try closed.close()
        let inputs = try Self.inputs()
        let pipeline = PreparationPipeline(inputs, chunker: Chunker())
        pipeline.run(tokenizingWith: closed)
        // Every chunk was claimed and failed: a writer's wait ends at once, with the error.
        for slot in [0, PreparationPipeline.chunkSize, inputs.count - 1] {
            #expect(throws: (any Error).self) { try pipeline.file(slot, db: nil) }
        }
    }
}
