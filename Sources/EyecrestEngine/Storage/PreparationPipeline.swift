import Dispatch
import EyecrestMarkdown
import Foundation
import GRDB
import Synchronization

/// Chunks and tokenizes a batch's changed files while the shards' writers store the ones
/// already done, so that preparing and writing overlap instead of taking turns.
///
/// The files are prepared in chunks of ``chunkSize``, in the order the writers take
/// them, by tasks running ``run(tokenizingWith:)`` (one per spare core) and by any writer
/// that would otherwise wait (``file(_:db:)``). A writer holds its shard's transaction
/// open meanwhile, so preparing must not fail halfway through a batch: the caller decodes
/// every file's text first (``FilePreparation/decodeText(_:)``), the one step that
/// rejects input, before any shard starts writing.
final class PreparationPipeline: Sendable {
    static let chunkSize = 16

    /// The files to prepare, in slot order.
    private let inputs: [PreparedFile]
    private let results: Mutex<[Result<PreparedFile, any Error>?]>
    /// One per chunk, signalled once its files are in `results`; a waiter signals it
    /// again after its own wait, so it stays open for the chunk's other files.
    private let done: [DispatchSemaphore]
    private let nextChunk = Atomic<Int>(0)

    private let chunker: Chunker

    init(_ inputs: [PreparedFile], chunker: Chunker) {
        self.inputs = inputs
        self.chunker = chunker
        results = Mutex(Array(repeating: nil, count: inputs.count))
        done = (0..<(inputs.count + Self.chunkSize - 1) / Self.chunkSize).map { _ in DispatchSemaphore(value: 0) }
    }

    /// Prepares chunks until none is left; several tasks may run it at once. Every chunk
    /// it claims is finished, with the error when no reader could be had, so that no
    /// writer waits forever.
    func run(tokenizingWith store: ShardStore) {
        do {
            try store.read { db in
                let tokenizer = try db.makeTokenizer(Searcher.tokenizer)
                while let chunk = claim() {
                    finish(chunk) { file in
                        try FilePreparation.decode(&file, chunker: chunker)
                        FilePreparation.index(&file, tokenizer: tokenizer)
                    }
                }
            }
        } catch {
            while let chunk = claim() { finish(chunk) { _ in throw error } }
        }
    }

    /// The prepared file of `slot`. While its chunk is still being prepared, a writer
    /// asking (with its connection `db`) prepares the next unclaimed chunks itself rather
    /// than wait idle: with one worker per spare core, a run of large files can outpace
    /// the worker.
    func file(_ slot: Int, db: Database?) throws -> PreparedFile {
        let chunk = done[slot / Self.chunkSize]
        var tokenizer: (any FTS5Tokenizer)?
        while chunk.wait(timeout: .now()) == .timedOut {
            guard let db, let other = claim() else {
                chunk.wait()
                break
            }
            finish(other) { file in
                try FilePreparation.decode(&file, chunker: chunker)
                let current = try tokenizer ?? db.makeTokenizer(Searcher.tokenizer)
                tokenizer = current
                FilePreparation.index(&file, tokenizer: current)
            }
        }
        chunk.signal()
        guard let result = results.withLock({ $0[slot] }) else { throw EngineError.storage("a prepared file went missing") }
        return try result.get()
    }

    private func claim() -> Int? {
        let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
        return chunk < done.count ? chunk : nil
    }

    private func finish(_ chunk: Int, _ prepare: (inout PreparedFile) throws -> Void) {
        let slots = chunk * Self.chunkSize..<min(inputs.count, (chunk + 1) * Self.chunkSize)
        let prepared = slots.map { slot in
            Result<PreparedFile, any Error> {
                var file = inputs[slot]
                try prepare(&file)
                return file
            }
        }
        results.withLock { results in
            for (slot, result) in zip(slots, prepared) { results[slot] = result }
        }
        done[chunk].signal()
    }

    /// One shard's view: which slot, if any, holds each of its files.
    struct Lane: Sendable {
        let pipeline: PreparationPipeline
        let slots: [Int?]

        /// `file` as the pipeline prepared it, or as it is when it needed no preparing;
        /// `db` is the asking writer's connection.
        func file(_ index: Int, _ file: PreparedFile, db: Database? = nil) throws -> PreparedFile {
            guard let slot = slots[index] else { return file }
            return try pipeline.file(slot, db: db)
        }
    }
}
