import EyecrestClient
import EyecrestEngine
import EyecrestMarkdown
import Foundation
import Testing

/// Online resharding against the real binary, killed with SIGKILL at random moments.
///
/// The Astro docs (2,569 files) are loaded into a one-shard dataset. Each round starts
/// `eyecrest serve` on the same data directory, starts a resharding to the next count of
/// a cycle unless one is running (resumed by the restart), lets two writers rewrite and
/// delete files they own, searches, and kills the server at a random moment: while
/// copying, while switching, or after. After each restart every acknowledged write must
/// be there, no deleted file back, no file listed or found twice; every few rounds
/// `eyecrest check` runs on the dead server's data. At the end the last resharding
/// finishes and every file is read back.
///
/// `EYECREST_RESHARD_KILLS` sets the number of kills (default 20); `EYECREST_RESHARD_SEED`
/// replays a run (the seed is printed with every failure).
@Suite("Resharding under SIGKILL", .serialized)
struct ReshardKillTests {
    static let dataset = "moving"
    /// Successive target counts: growing, shrinking, odd.
    static let targets = [4, 2, 7, 3, 1]
    /// Files the writers own (the rest must stay exactly as loaded).
    static let writtenFiles = 60
    static let checkEvery = 5

    @Test("Resharding resumes after every SIGKILL and loses no acknowledged write")
    func reshardingSurvivesKill9() async throws {
        let (kills, seed) = CrashSafetyTests.killSettings(prefix: "EYECREST_RESHARD", seed: 0x5EA2_D00D)
        try await withTemporaryDirectory { directory in
            let corpus = try unpackCorpus("astro-docs", into: directory)
            let files = CrashSafetyTests.markdownFiles(under: corpus, extensions: [".md", ".mdx"])
            try #require(files.count > 2_000)
            let data = directory.appendingPathComponent("data")
            let ledger = CrashLedger(filenames: files.map(\.name))
            var random = SplitMix64(seed: seed)
            var killedIn: [String: Int] = [:]
            var targetIndex = 0
            var completed = 0
            let started = ContinuousClock.now

            for round in 0..<kills {
                let server = try await CrashSafetyTests.start(data, log: directory.appendingPathComponent("server-\(round).log"))
                let client = EyecrestClient(baseURL: server.url, timeoutSeconds: 90)
                try await CrashSafetyTests.killing(server, onError: {
                    if round == 0 {
                        try await Self.load(files, client: client, ledger: ledger)
                    } else {
                        try await Self.verify(client, ledger: ledger, round: round, seed: seed)
                    }
                    let view = try await client.dataset(Self.dataset)
                    if view.resharding == nil {
                        if round > 0 { completed += 1 }
                        let target = Self.targets[targetIndex % Self.targets.count]
                        targetIndex += 1
                        let answer = try await client.reshard(Self.dataset, shards: target)
                        #expect(answer.resharding?.to == target, "seed \(seed), round \(round): \(answer)")
                    }
                })
                let owned = Array(files.prefix(Self.writtenFiles))
                let pushers = (0..<2).map { slice in
                    CrashPusher(
                        client: client, dataset: Self.dataset, files: owned.enumerated().filter { $0.offset % 2 == slice }.map(\.element),
                        ledger: ledger, round: round, seed: random.next())
                }
                let moment = KillMoment.random(using: &random)
                let phase = try await CrashSafetyTests.killRound(
                    server, pushers: pushers, ledger: ledger, round: round, seed: seed, checking: round % Self.checkEvery == Self.checkEvery - 1,
                    data: data, directory: directory
                ) { await moment.wait(client) }
                killedIn[phase, default: 0] += 1
            }

            // The last restart: the resharding running finishes, then everything is read back.
            let server = try await CrashSafetyTests.start(data, log: directory.appendingPathComponent("server-final.log"))
            let client = EyecrestClient(baseURL: server.url, timeoutSeconds: 90)
            let (present, shards) = try await CrashSafetyTests.killing(server, onError: {
                try await Self.verify(client, ledger: ledger, round: kills, seed: seed)
                var view = try await client.dataset(Self.dataset)
                let deadline = ContinuousClock.now + .seconds(600)
                while view.resharding != nil, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(200))
                    view = try await client.dataset(Self.dataset)
                }
                #expect(view.resharding == nil, "seed \(seed): the last resharding did not finish")
                try await Self.verify(client, ledger: ledger, round: kills + 1, seed: seed)
                let present = await ledger.present
                for file in files {
                    guard let sha = present[file.name] else { continue }
                    let stored = try await client.file(Self.dataset, filename: file.name)
                    #expect(stored.sha == sha && GitBlobSHA.hash(Data(stored.content.utf8)) == sha, "seed \(seed): '\(file.name)'")
                }
                return (present, view.shards)
            })
            #expect(await server.stop() == 0, "graceful stop:\n\(server.log())")
            completed += 1

            let report = try await Engine(dataDirectory: data).checkIntegrity()
            #expect(report.problems == [], "seed \(seed)")
            #expect(report.datasets == 1 && report.shards == shards && report.files == present.count)
            let acknowledged = await ledger.acknowledgedWrites
            #expect(completed >= 2, "seed \(seed): fewer than two reshardings completed")
            #expect(killedIn["copying", default: 0] > 0, "no kill landed while copying: \(killedIn)")
            #expect(killedIn["switching", default: 0] > 0, "no kill landed while switching: \(killedIn)")
            print("resharding kills: \(kills) kills (phases \(killedIn)), \(completed) reshardings completed, "
                + "\(acknowledged) acknowledged file writes, seed \(seed), \(ContinuousClock.now - started)")
        }
    }

    /// Creates the dataset with one shard and uploads every file, acknowledged in the ledger.
    static func load(_ files: [(name: String, content: String)], client: EyecrestClient, ledger: CrashLedger) async throws {
        _ = try await client.createDataset(dataset, shards: 1)
        var start = 0
        while start < files.count {
            let batch = files[start..<min(files.count, start + 250)].map { FileInput(filename: $0.name, content: $0.content) }
            let versions = Dictionary(uniqueKeysWithValues: batch.map { ($0.filename, CrashLedger.Version.sha(GitBlobSHA.hash(Data($0.content.utf8)))) })
            await ledger.begin(versions)
            _ = try await client.upsertFiles(dataset, files: batch)
            await ledger.acknowledge(versions)
            start += 250
        }
    }

    /// The listing matches the ledger with no name twice, and a search that may show each
    /// file once names none twice.
    static func verify(_ client: EyecrestClient, ledger: CrashLedger, round: Int, seed: UInt64) async throws {
        let listed = try await CrashSafetyTests.listing(client, dataset: dataset)
        await ledger.reconcile(stored: listed.shas, round: round)
        #expect(listed.count == listed.shas.count, "seed \(seed), round \(round): a file is listed twice")
        for query in ["astro", "component", "Crash test round"] {
            let results = try await client.search(dataset, query: query, options: SearchOptions(perPage: 50, maxChunksPerFile: 1))
            let names = results.results.map(\.filename)
            #expect(Set(names).count == names.count, "seed \(seed), round \(round): '\(query)' names a file twice")
        }
        let failures = await ledger.failures
        try #require(failures.isEmpty, "seed \(seed), round \(round):\n\(failures.joined(separator: "\n"))")
    }
}

/// When a round's kill comes: after a random delay, or as soon as the resharding is
/// seen in a phase (the switch is short: waiting for it is the only way to kill there
/// often).
enum KillMoment {
    case after(Duration)
    case inPhase(String)

    static func random(using random: inout SplitMix64) -> KillMoment {
        switch random.next(below: 3) {
        case 0: .inPhase("switching")
        case 1: .inPhase("copying")
        default: .after(.milliseconds(100 + random.next(below: 3_900)))
        }
    }

    /// Waits for the moment; returns the phase the dataset was seen in last ("done" when
    /// no resharding ran).
    func wait(_ client: EyecrestClient) async -> String {
        switch self {
        case .after(let delay):
            try? await Task.sleep(for: delay)
            return (try? await client.dataset(ReshardKillTests.dataset))?.resharding?.phase ?? "done"
        case .inPhase(let wanted):
            let deadline = ContinuousClock.now + .seconds(10)
            var seen = "done"
            while ContinuousClock.now < deadline {
                seen = (try? await client.dataset(ReshardKillTests.dataset))?.resharding?.phase ?? "done"
                if seen == wanted || seen == "done" { return seen }
                try? await Task.sleep(for: .milliseconds(2))
            }
            return seen
        }
    }
}
