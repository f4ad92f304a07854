import EyecrestCluster
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real single-member etcd (`/usr/bin/etcd`) on two free loopback ports (client and
/// peer) with its own data directory. Stopped by its own PID; it can be killed and
/// started again on the same ports and data directory, as an etcd that crashes and
/// comes back.
final class EtcdProcess {
    static let binary = "/usr/bin/etcd"
    /// Suites that need etcd are enabled only when it is installed (CI installs it).
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    let dataDirectory: URL
    let logFile: URL
    let clientPort: Int
    let peerPort: Int
    private var process: ChildProcess
    /// The client URL (the v3 JSON gateway and `/health`).
    var url: String { Self.url(clientPort) }
    private static func url(_ port: Int) -> String { "http://127.0.0.1:\(port)" }
    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Starts etcd with its data and log under `directory`; call ``waitUntilReady()``.
    init(directory: URL) throws {
        dataDirectory = directory.appendingPathComponent("etcd-data")
        logFile = directory.appendingPathComponent("etcd.log")
        clientPort = try freeLoopbackPort()
        peerPort = try freeLoopbackPort()
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process = try Self.launch(dataDirectory: dataDirectory, logFile: logFile, url: Self.url(clientPort), peerPort: peerPort)
    }

    /// A client for this etcd with the given per-attempt timeout.
    func client(timeout: Duration = .seconds(2)) -> EtcdClient { EtcdClient(endpoints: [url], timeout: timeout) }

    private static func launch(dataDirectory: URL, logFile: URL, url client: String, peerPort: Int) throws -> ChildProcess {
        let peer = url(peerPort)
        let log = try FileHandle(forWritingTo: logFile)
        defer { try? log.close() }
        log.seekToEndOfFile()
        return try ChildProcess(
            executable: binary,
            arguments: [
                "--name", "test", "--data-dir", dataDirectory.path,
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "test=\(peer)", "--initial-cluster-state", "new",
            ],
            standardOutput: log, standardError: log)
    }

    /// Waits until `/health` reports a member with a leader, or fails with etcd's log.
    func waitUntilReady() async throws {
        let client = client(timeout: .milliseconds(500))
        for _ in 0..<300 {
            if await client.isHealthy() { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("etcd did not become ready; log:\n\(log().suffix(4000))")
        throw CancellationError()
    }

    /// SIGTERM, then waits for the exit (SIGKILL after 10 s); returns the status.
    @discardableResult
    func stop() async -> Int32 { await terminate(process, grace: .seconds(10)) }

    /// SIGKILL, as a crash: returns once the process is gone and its ports are free.
    func kill9() async { await killAndWait(process) }

    /// Starts etcd again on the same ports and data directory (after ``kill9()`` or
    /// ``stop()``) and waits until it is ready.
    func restart() async throws {
        precondition(!process.isRunning, "stop or kill etcd before restarting it")
        process = try Self.launch(dataDirectory: dataDirectory, logFile: logFile, url: url, peerPort: peerPort)
        try await waitUntilReady()
    }

    func log() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }
}

/// Runs `body` with a ready etcd in a fresh temporary directory, stopped by PID
/// afterwards on every path.
func withEtcd<T>(_ body: (EtcdProcess) async throws -> T) async throws -> T {
    try await withTemporaryDirectory { directory in
        let etcd = try EtcdProcess(directory: directory)
        do {
            try await etcd.waitUntilReady()
            let result = try await body(etcd)
            await etcd.stop()
            return result
        } catch {
            await etcd.stop()
            throw error
        }
    }
}

/// SIGTERM to `process`, then waits for it to exit, with SIGKILL once `grace` has passed;
/// returns its termination status.
func terminate(_ process: ChildProcess, grace: Duration) async -> Int32 {
    guard process.isRunning else { return process.terminationStatus }
    kill(process.processIdentifier, SIGTERM)
    let deadline = ContinuousClock.now + grace
    while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(100)) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return process.terminationStatus
}

/// SIGKILL to `process`, as a crash or the OOM killer would: no shutdown code runs.
/// Returns once it is gone.
func killAndWait(_ process: ChildProcess) async {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    while process.isRunning { try? await Task.sleep(for: .milliseconds(5)) }
}
