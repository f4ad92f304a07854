import ArgumentParser
import EyecrestEngine
import Foundation

/// `eyecrest check`: opens a data directory with the engine, runs
/// ``Engine/checkIntegrity()`` and exits non-zero when anything is wrong, so scripts
/// and CI can gate on it (for example after restoring a backup).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a data directory's databases, index and sections for damage.",
        discussion: """
            Run it while the server is stopped: opening the data directory removes dataset \
            folders the catalog does not know, which a running server may be creating. \
            Checks the catalog and every shard with SQLite's integrity_check, compares each \
            shard's index with one rebuilt from its rows, then re-chunks every file and compares its stored sections \
            with the fresh ones. Prints one line per problem and exits with status 1 when \
            there is any, 0 when all is well.
            """)

    @Option(help: "Data directory (env EYECREST_DATA_DIR). [default: ./eyecrest-data]")
    var dataDir: String?

    func run() async throws {
        let path = dataDir ?? ProcessInfo.processInfo.environment["EYECREST_DATA_DIR"] ?? "./eyecrest-data"
        let directory = URL(fileURLWithPath: path, isDirectory: true)
        // Opening an engine creates a data directory; checking one must not.
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("catalog.sqlite").path) else {
            throw ValidationError("No eyecrest data in '\(path)' (no catalog.sqlite).")
        }
        let started = ContinuousClock.now
        let report = try await Engine(dataDirectory: directory).checkIntegrity()
        let elapsed = ContinuousClock.now - started
        let seconds = String(format: "%.1fs", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        for problem in report.problems { print(problem) }
        let summary = "\(report.datasets) datasets, \(report.shards) shards, \(report.files) files, \(report.sections) sections (\(seconds))"
        if report.isHealthy {
            print("ok: \(summary)")
        } else {
            print("\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") in \(summary)")
            throw ExitCode.failure
        }
    }
}
