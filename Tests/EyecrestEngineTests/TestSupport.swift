import EyecrestEngine
import Foundation
import Synchronization

/// Paths and fixtures shared by the engine tests.
enum TestSupport {
    /// The package root (the folder holding Package.swift).
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static let shared = packageRoot.appendingPathComponent("../shared").standardizedFileURL

    /// A fresh, empty folder removed by the caller (or left in /tmp on failure).
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eyecrest-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// An engine over a fresh data directory.
    static func engine() throws -> (Engine, URL) {
        let directory = try temporaryDirectory()
        return (try Engine(dataDirectory: directory), directory)
    }

    private static let unpacked = Mutex<[String: URL]>([:])

    /// Unpacks `../shared/corpus/<name>.tar.gz` once per test process.
    static func corpus(_ name: String) throws -> URL {
        try unpacked.withLock { cache in
            if let url = cache[name] { return url }
            let target = FileManager.default.temporaryDirectory.appendingPathComponent("eyecrest-corpus-\(getpid())-\(name)")
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            let tar = Process()
            tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            tar.arguments = ["tar", "-xzf", shared.appendingPathComponent("corpus/\(name).tar.gz").path, "-C", target.path]
            try tar.run()
            tar.waitUntilExit()
            guard tar.terminationStatus == 0 else { throw TestFailure("could not unpack \(name)") }
            cache[name] = target
            return target
        }
    }

    /// Every markdown file under `root`, named relative to it, in name order.
    static func markdownFiles(under root: URL, limit: Int = .max) -> [FileUpload] {
        let base = root.standardizedFileURL.path
        var files: [FileUpload] = []
        let walker = FileManager.default.enumerator(atPath: base)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".md") || relative.hasSuffix(".mdx"),
                let data = FileManager.default.contents(atPath: base + "/" + relative)
            else { continue }
            files.append(FileUpload(filename: relative, content: data))
        }
        return Array(files.sorted { $0.filename < $1.filename }.prefix(limit))
    }

    /// The seed of the index's random tests: `EYECREST_INDEX_SEED` to replay a failure
    /// (every message names the seed), otherwise a new one each run.
    static func indexSeed() -> UInt64 {
        UInt64(ProcessInfo.processInfo.environment["EYECREST_INDEX_SEED"] ?? "") ?? UInt64.random(in: 1...1_000_000)
    }

    /// The whole Rust book and the first `astroPages` English pages of the Astro docs: two
    /// real corpora of different styles, small enough for a debug-built test.
    static func rustBookAndAstro(astroPages: Int) throws -> [FileUpload] {
        markdownFiles(under: try corpus("rust-book"))
            + markdownFiles(under: try corpus("astro-docs").appendingPathComponent("astro-docs/src/content/docs/en"), limit: astroPages)
    }

    /// Loads a corpus (or its first `limit` files) into a new dataset.
    static func load(_ files: [FileUpload], into engine: Engine, dataset: String, shards: Int = 1, org: String = "test") async throws {
        try await engine.createDataset(org: org, id: dataset, shards: shards)
        var start = 0
        while start < files.count {
            _ = try await engine.upsertFiles(org: org, dataset: dataset, files: Array(files[start..<min(files.count, start + 500)]))
            start += 500
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
