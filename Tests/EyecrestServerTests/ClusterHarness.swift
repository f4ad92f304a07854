import EyecrestCluster
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real cluster on loopback: one etcd and one `eyecrest serve` per region, each with its
/// own data directory and port, all stopped by PID when the test ends. Nodes can be
/// killed (SIGKILL), frozen (SIGSTOP) and restarted on the same port and data.
final class ClusterHarness {
    let directory: URL
    let etcd: EtcdProcess
    let regions: [String]
    let keyFile: URL
    private(set) var nodes: [String: ServerProcess] = [:]
    private var ports: [String: Int] = [:]
    private var frozen: Set<String> = []
    let extraArguments: [String]

    init(directory: URL, regions: [String], extraArguments: [String] = []) throws {
        self.directory = directory
        self.regions = regions
        self.extraArguments = extraArguments
        let etcdFolder = directory.appendingPathComponent("etcd")
        try FileManager.default.createDirectory(at: etcdFolder, withIntermediateDirectories: true)
        etcd = try EtcdProcess(directory: etcdFolder)
        keyFile = directory.appendingPathComponent("cluster.key")
        try ClusterKey.generate().write(to: keyFile, replace: false)
        for region in regions { ports[region] = try freeLoopbackPort() }
    }

    /// Starts etcd and every node; returns once every node answers and is a member.
    func start() async throws {
        try await etcd.waitUntilReady()
        for region in regions { try start(region) }
        for region in regions { try await nodes[region]?.waitUntilReady() }
        try await waitForMembers(regions.count)
    }

    func start(_ region: String) throws {
        let port = ports[region] ?? 0
        nodes[region] = try ServerProcess(
            dataDirectory: directory.appendingPathComponent("data-\(region)"), logFile: directory.appendingPathComponent("\(region).log"),
            extraArguments: [
                "--region", region, "--etcd", etcd.url, "--advertise-url", "http://127.0.0.1:\(port)", "--cluster-key", keyFile.path,
            ] + extraArguments, port: port)
    }

    func restart(_ region: String) async throws {
        try start(region)
        try await nodes[region]?.waitUntilReady()
        try await waitForMembers(regions.count)
    }

    func http(_ region: String) -> LiveHTTP { LiveHTTP(baseURL: "http://127.0.0.1:\(ports[region] ?? 0)") }

    func kill9(_ region: String) async { await nodes[region]?.kill9() }

    func freeze(_ region: String) {
        guard let pid = nodes[region]?.process.processIdentifier else { return }
        kill(pid, SIGSTOP)
        frozen.insert(region)
    }

    func thaw(_ region: String) {
        guard let pid = nodes[region]?.process.processIdentifier else { return }
        kill(pid, SIGCONT)
        frozen.remove(region)
    }

    /// Until etcd lists `count` members (a node registers within a second of starting;
    /// a dead one's lease runs out in at most 10 s).
    func waitForMembers(_ count: Int, timeout: Duration = .seconds(30)) async throws {
        let metadata = EtcdMetadata(client: etcd.client())
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let members = try? await metadata.members(), members.count == count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("etcd did not list \(count) members")
        throw CancellationError()
    }

    /// Stops everything by PID (thawing frozen nodes first so they can exit).
    func stop() async {
        for region in frozen { thaw(region) }
        for node in nodes.values { await node.stop() }
        await etcd.stop()
    }

    func logs() -> String {
        regions.map { "--- \($0)\n" + (nodes[$0]?.log() ?? "") }.joined(separator: "\n")
    }
}

/// Runs `body` with a started cluster in a temporary directory; everything is stopped by
/// PID afterwards, on every path, and the nodes' logs are attached to a failure.
func withCluster(
    regions: [String] = ["r1", "r2", "r3"], extraArguments: [String] = [], _ body: (ClusterHarness) async throws -> Void
) async throws {
    try #require(EtcdProcess.isInstalled, "etcd is not installed (.ci/run installs etcd-server)")
    try await withTemporaryDirectory { directory in
        let cluster = try ClusterHarness(directory: directory, regions: regions, extraArguments: extraArguments)
        do {
            try await cluster.start()
            try await body(cluster)
        } catch {
            Issue.record("cluster logs:\n\(cluster.logs().suffix(20_000))")
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }
}

extension LiveHTTP {
    /// Every file of `dataset` this node holds (filename → SHA), read from this node's own
    /// copy (`x-force-region` naming its region).
    func files(_ dataset: String, region: String) async throws -> [String: String] {
        var result: [String: String] = [:]
        var cursor: String?
        repeat {
            var path = "/v1/datasets/\(dataset)/files?limit=1000"
            if let cursor { path += "&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor)" }
            let page = try await call("GET", path, headers: ["x-force-region": region], timeout: 10)
            guard page.status == 200 else { throw ClusterTestFailure("listing on \(region): \(page.status) \(page.text)") }
            for file in page["files"] as? [[String: Any]] ?? [] {
                if let name = file["filename"] as? String, let sha = file["sha"] as? String { result[name] = sha }
            }
            cursor = page["nextCursor"] as? String
        } while cursor != nil
        return result
    }

    /// This node's shard positions for `dataset` (`stats.shardSequences` of its own copy).
    func positions(_ dataset: String, region: String) async throws -> [Int64] {
        let shown = try await call("GET", "/v1/datasets/\(dataset)", headers: ["x-force-region": region], timeout: 10)
        guard shown.status == 200 else { throw ClusterTestFailure("dataset on \(region): \(shown.status) \(shown.text)") }
        return ((shown["stats"] as? [String: Any])?["shardSequences"] as? [NSNumber])?.map(\.int64Value) ?? []
    }
}

struct ClusterTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
