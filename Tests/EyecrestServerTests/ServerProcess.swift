import EyecrestClient
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The package root, found from this file's path (Tests/EyecrestServerTests/…).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `eyecrest` binary that `swift build` produced.
func eyecrestBinary() throws -> URL {
    let binary = packageRoot.appendingPathComponent(".build/debug/eyecrest")
    try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the package first: \(binary.path)")
    return binary
}

/// Ports this test process has handed out. Suites run in parallel, and a port is free
/// again from the moment its probe socket closes until its server binds it: a second
/// probe in that gap could get the same port (a cluster test once gave a node etcd's).
private let handedOutPorts = Mutex<Set<Int>>([])

/// A free TCP port on 127.0.0.1 that no other test of this process was given: found by
/// binding port 0 and closing the socket, again while the kernel offers one already given.
func freeLoopbackPort() throws -> Int {
    while true {
        let port = try probeLoopbackPort()
        if handedOutPorts.withLock({ $0.insert(port).inserted }) { return port }
    }
}

private func probeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    try #require(bound == 0)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// A real `eyecrest serve` process on a free loopback port. Stopped by its own PID.
final class ServerProcess {
    let process: ChildProcess
    let port: Int
    let logFile: URL
    var url: String { "http://127.0.0.1:\(port)" }
    var client: EyecrestClient { EyecrestClient(baseURL: url) }

    /// `extraArguments` are appended to `serve`'s (for example `--auth-public-key FILE`);
    /// `environment` is added to this process's own. A `launcher` runs the binary (for
    /// example `["/usr/bin/prlimit", "--nofile=128:128", "--"]`); its process is the
    /// server's, as `prlimit` and `exec`-style launchers replace themselves.
    init(
        dataDirectory: URL, logFile: URL, extraArguments: [String] = [], environment: [String: String] = [:], launcher: [String] = [],
        port: Int? = nil
    ) throws {
        self.port = try port ?? freeLoopbackPort()
        self.logFile = logFile
        if !FileManager.default.fileExists(atPath: logFile.path) { _ = FileManager.default.createFile(atPath: logFile.path, contents: nil) }
        let serve = ["serve", "--port", String(self.port), "--data-dir", dataDirectory.path, "--log-level", "info"] + extraArguments
        let command = launcher.isEmpty ? [try eyecrestBinary().path] + serve : launcher + [try eyecrestBinary().path] + serve
        let log = try FileHandle(forWritingTo: logFile)
        defer { try? log.close() }
        // A restarted server appends to its log.
        try log.seekToEnd()
        process = try ChildProcess(
            executable: command[0], arguments: Array(command.dropFirst()),
            environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new }, standardOutput: log, standardError: log)
    }

    /// Waits until `/health` answers, or fails with the server's log.
    func waitUntilReady() async throws {
        for _ in 0..<200 {
            if await client.health() { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("server did not become ready; log:\n\(log())")
        throw CancellationError()
    }

    /// SIGTERM, then waits for a graceful exit (SIGKILL after 15 s); returns the status.
    @discardableResult
    func stop() async -> Int32 { await terminate(process, grace: .seconds(15)) }

    func log() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// SIGKILL, as a crash or the OOM killer would: no shutdown code runs. Returns once
    /// the process is gone, so the next server may open the same data directory.
    func kill9() async { await killAndWait(process) }

    /// True once `/health` answers; false when the process exits first or `timeout`
    /// passes. Unlike ``waitUntilReady()`` it records nothing, so a caller may retry.
    func becomesReady(within timeout: Duration = .seconds(20)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, process.isRunning {
            if await client.health() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}

/// Runs the `eyecrest` command line and returns its exit status and output.
/// `environment` is added to this process's own. A command still running after
/// `killAfter` is killed (by its PID) and recorded as an issue.
func runCLI(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:], killAfter: Duration? = nil
) async throws -> (status: Int32, stdout: String, stderr: String) {
    let out = directory.appendingPathComponent("cli-\(UUID().uuidString).out")
    let err = directory.appendingPathComponent("cli-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let (outHandle, errHandle) = (try FileHandle(forWritingTo: out), try FileHandle(forWritingTo: err))
    let process = try ChildProcess(
        executable: try eyecrestBinary().path, arguments: arguments,
        environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new }, standardOutput: outHandle,
        standardError: errHandle)
    try? outHandle.close()
    try? errHandle.close()
    let deadline = killAfter.map { ContinuousClock.now + $0 }
    while process.isRunning {
        if let deadline, ContinuousClock.now > deadline {
            Issue.record("eyecrest \(arguments.joined(separator: " ")) was still running after \(killAfter.map(String.init(describing:)) ?? "")")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            break
        }
        try await Task.sleep(for: .milliseconds(50))
    }
    let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(at: out)
    try? FileManager.default.removeItem(at: err)
    return (process.terminationStatus, stdout, stderr)
}

/// Unpacks `../shared/corpus/<name>.tar.gz` into `directory` and returns the folder.
func unpackCorpus(_ name: String, into directory: URL) throws -> URL {
    let archive = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/\(name).tar.gz")
    try #require(FileManager.default.fileExists(atPath: archive.path), "missing corpus \(archive.path)")
    let target = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    let tar = try ChildProcess(executable: "/usr/bin/env", arguments: ["tar", "-xzf", archive.path, "-C", target.path])
    tar.waitUntilExit()
    try #require(tar.terminationStatus == 0)
    return target
}
