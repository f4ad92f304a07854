import EyecrestClient
import EyecrestEngine
import EyecrestMarkdown
import Foundation
import Testing

/// Durability and the integrity check (docs/engine.md, "Storage") against the real
/// binary: an acknowledged write survives `kill -9`, and a crash never leaves a file
/// half-indexed.
///
/// Each round starts `eyecrest serve` on the same data directory, lets two writers push
/// Rust book files (every upsert changes the content, some requests delete), and
/// SIGKILLs the server 50–400 ms after it is ready, with requests in flight. After each
/// restart the file listing must match the ledger: every acknowledged write is there,
/// an unanswered one is either there or not, nothing else changed. Every few rounds
/// `eyecrest check` runs on the dead server's data directory; at the end every file is
/// read back and the engine's integrity check runs in-process.
///
/// `EYECREST_CRASH_KILLS` sets the number of kills (default 20); `EYECREST_CRASH_SEED`
/// replays a run (the seed is printed with every failure).
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    static let dataset = "crash"
    /// Files pushed: enough to spread over both shards, few enough to keep rounds short.
    static let fileCount = 40
    static let checkEvery = 5

    @Test("Acknowledged writes survive SIGKILL at random moments and nothing is half-indexed")
    func acknowledgedWritesSurviveKill9() async throws {
        let (kills, seed) = Self.killSettings(prefix: "EYECREST_CRASH", seed: 0x00C0_FFEE)
        try await withTemporaryDirectory { directory in
            let corpus = try unpackCorpus("rust-book", into: directory)
            let files = Self.markdownFiles(under: corpus).prefix(Self.fileCount)
            try #require(files.count == Self.fileCount)
            let data = directory.appendingPathComponent("data")
            let ledger = CrashLedger(filenames: files.map(\.name))
            var random = SplitMix64(seed: seed)
            let started = ContinuousClock.now

            for round in 0..<kills {
                let server = try await Self.start(data, log: directory.appendingPathComponent("server-\(round).log"))
                let client = EyecrestClient(baseURL: server.url, timeoutSeconds: 10)
                try await Self.killing(server, onError: {
                    if round == 0 {
                        try await client.createDataset(Self.dataset, shards: 2)
                    } else {
                        await ledger.reconcile(stored: try await Self.listing(client), round: round)
                    }
                })
                let pushers = (0..<2).map { slice in
                    CrashPusher(
                        client: client, dataset: Self.dataset, files: files.enumerated().filter { $0.offset % 2 == slice }.map(\.element),
                        ledger: ledger, round: round, seed: random.next())
                }
                let delay = Duration.milliseconds(Int.random(in: 50...400, using: &random))
                try await Self.killRound(
                    server, pushers: pushers, ledger: ledger, round: round, seed: seed, checking: round % Self.checkEvery == Self.checkEvery - 1,
                    data: data, directory: directory
                ) { try? await Task.sleep(for: delay) }
            }

            // The last restart: every file as the ledger allows, then read back in full.
            let server = try await Self.start(data, log: directory.appendingPathComponent("server-final.log"))
            let client = EyecrestClient(baseURL: server.url, timeoutSeconds: 10)
            let present = try await Self.killing(server, onError: {
                await ledger.reconcile(stored: try await Self.listing(client), round: kills)
                let failures = await ledger.failures
                #expect(failures.isEmpty, "seed \(seed):\n\(failures.joined(separator: "\n"))")
                let present = await ledger.present
                for file in files {
                    do {
                        let stored = try await client.file(Self.dataset, filename: file.name)
                        #expect(present[file.name] == stored.sha, "seed \(seed): '\(file.name)' is \(stored.sha)")
                        #expect(GitBlobSHA.hash(Data(stored.content.utf8)) == stored.sha, "'\(file.name)': content and SHA disagree")
                    } catch let error as EyecrestError where error.code == "file_not_found" {
                        #expect(present[file.name] == nil, "seed \(seed): '\(file.name)' was acknowledged but is missing")
                    }
                }
                return present
            })
            #expect(await server.stop() == 0, "graceful stop:\n\(server.log())")

            let report = try await Engine(dataDirectory: data).checkIntegrity()
            #expect(report.problems == [], "seed \(seed)")
            #expect(report.datasets == 1 && report.shards == 2 && report.files == present.count)

            // Guards against a test that passes because it tested nothing.
            let acknowledged = await ledger.acknowledgedWrites
            let unanswered = await ledger.unansweredWrites
            let committed = await ledger.unansweredButCommitted
            #expect(acknowledged > 0, "no write was ever acknowledged")
            #expect(unanswered > 0, "no kill ever caught a request in flight")
            print("crash safety: \(kills) kills, \(acknowledged) acknowledged file writes, \(unanswered) unanswered at a kill "
                + "(\(committed) of them committed), seed \(seed), \(ContinuousClock.now - started)")
        }
    }

    /// The number of kills (`<prefix>_KILLS`, default 20) and the seed (`<prefix>_SEED`)
    /// of a kill test, from the environment.
    static func killSettings(prefix: String, seed: UInt64) -> (kills: Int, seed: UInt64) {
        let environment = ProcessInfo.processInfo.environment
        return (environment[prefix + "_KILLS"].flatMap(Int.init) ?? 20, environment[prefix + "_SEED"].flatMap { UInt64($0) } ?? seed)
    }

    /// One round's kill: the pushers write until `moment` returns, the server is killed
    /// with requests in flight, the ledger must hold no failure, and with `checking`
    /// `eyecrest check` must find the dead server's data sound. Returns what `moment` did.
    @discardableResult
    static func killRound<T>(
        _ server: ServerProcess, pushers: [CrashPusher], ledger: CrashLedger, round: Int, seed: UInt64, checking: Bool, data: URL,
        directory: URL, until moment: () async -> T
    ) async throws -> T {
        let outcome = await withTaskGroup(of: Void.self) { group in
            for pusher in pushers { group.addTask { await pusher.run() } }
            let outcome = await moment()
            // A server that died by itself would pass for a kill: that is a bug.
            #expect(server.process.isRunning, "seed \(seed), round \(round): the server exited on its own:\n\(server.log())")
            await server.kill9()
            return outcome
        }
        let failures = await ledger.failures
        try #require(failures.isEmpty, "seed \(seed), round \(round):\n\(failures.joined(separator: "\n"))\n\(server.log())")
        if checking {
            let check = try await runCLI(["check", "--data-dir", data.path], in: directory)
            try #require(check.status == 0, "seed \(seed), after round \(round): \(check.stdout)\(check.stderr)")
        }
        return outcome
    }

    /// Starts the server and waits until it answers. A start can fail for a reason that
    /// has nothing to do with crash safety (another process took the free port between
    /// probe and bind: the process exits at once), so it is retried with a new port. A
    /// server that runs is given two minutes to load: a debug build loading the data of
    /// a killed resharding, beside the rest of the suite on two cores, once answered
    /// "loading" for more than 20 s, and killing it only started the load over.
    static func start(_ data: URL, log: URL) async throws -> ServerProcess {
        var lastLog = ""
        for _ in 0..<3 {
            let server = try ServerProcess(dataDirectory: data, logFile: log)
            if await server.becomesReady(within: .seconds(120)) { return server }
            lastLog = server.log()
            await server.kill9()
        }
        Issue.record("the server did not start; log:\n\(lastLog)")
        throw CancellationError()
    }

    /// Runs `body`; when it throws, kills `server` first, so a failing test leaves no
    /// process behind.
    static func killing<T>(_ server: ServerProcess, onError body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            await server.kill9()
            throw error
        }
    }

    /// Filename → SHA of every stored file. A transport error is retried: the shared
    /// HTTP client may still hold a pooled connection to a killed server whose port the
    /// new one happens to reuse.
    private static func listing(_ client: EyecrestClient) async throws -> [String: String] {
        try await listing(client, dataset: dataset).shas
    }

    /// Filename → SHA of every file of `dataset`, and how many entries the listing had
    /// (more than names when one is listed twice).
    static func listing(_ client: EyecrestClient, dataset: String) async throws -> (shas: [String: String], count: Int) {
        for attempt in 0..<3 {
            do {
                let files = try await client.allFiles(dataset)
                return (Dictionary(files.map { ($0.filename, $0.sha) }, uniquingKeysWith: { first, _ in first }), files.count)
            } catch let error as EyecrestError where error.status == nil && attempt < 2 {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw CancellationError()
    }

    /// Markdown files under `root`, named relative to it, in name order.
    static func markdownFiles(under root: URL, extensions: [String] = [".md"]) -> [(name: String, content: String)] {
        let base = root.standardizedFileURL.path
        let names = (FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? [])
            .filter { name in extensions.contains { name.hasSuffix($0) } }.sorted()
        return names.compactMap { name in
            (try? String(contentsOfFile: base + "/" + name, encoding: .utf8)).map { (name, $0) }
        }
    }
}
