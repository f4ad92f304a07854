import EyecrestCluster
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// ``MemberRegistration`` against a real etcd, with short leases: 5 s, so that renewals
/// every 1.7 s keep a lease alive on a machine busy with the rest of the suite.
@Suite("etcd membership", .enabled(if: EtcdProcess.isInstalled, "needs /usr/bin/etcd (Debian package etcd-server)"))
struct EtcdMembershipTests {
    static let ttl: Int64 = 5

    static func registration(
        _ etcd: EtcdProcess, region: String = "eu", url: String = "http://127.0.0.1:7401", logs: LogRecorder = LogRecorder()
    ) -> MemberRegistration {
        MemberRegistration(
            member: ClusterMember(region: region, url: url), client: etcd.client(), ttl: ttl, logger: logs.logger)
    }

    /// Polls `condition` every 100 ms until it holds or `timeout` passes.
    static func eventually(within timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    @Test("A registered member is listed, and leaves at once on graceful shutdown (lease revoked)")
    func registerAndRevoke() async throws {
        try await withEtcd { etcd in
            let metadata = EtcdMetadata(client: etcd.client())
            let logs = LogRecorder()
            let registration = Self.registration(etcd, logs: logs)
            let group = ServiceGroup(services: [registration], logger: Logger(label: "test"))
            let running = Task { try await group.run() }
            #expect(await Self.eventually { registration.isRegistered })
            #expect(try await metadata.members() == [ClusterMember(region: "eu", url: "http://127.0.0.1:7401")])
            // Renewals keep it alive well past its TTL.
            let slept = ContinuousClock.now
            try await Task.sleep(for: .seconds(Self.ttl + 2))
            #expect(try await metadata.members().count == 1, "slept \(ContinuousClock.now - slept); \(logs.all())")

            await group.triggerGracefulShutdown()
            try await running.value
            #expect(registration.isRegistered == false)
            #expect(try await metadata.members().isEmpty)
        }
    }

    /// Runs `registration` until `body` returns, then cancels it without a graceful
    /// shutdown (as a crash would) and waits for it to end.
    static func whileRunning(_ registration: MemberRegistration, _ body: () async throws -> Void) async throws {
        let running = Task { try await registration.run() }
        do {
            #expect(await eventually { registration.isRegistered })
            try await body()
        } catch {
            running.cancel()
            throw error
        }
        running.cancel()
        try await running.value
    }

    @Test("A registration cancelled without revoking drops out when its lease expires")
    func leaseExpires() async throws {
        try await withEtcd { etcd in
            let metadata = EtcdMetadata(client: etcd.client())
            let logs = LogRecorder()
            let registration = Self.registration(etcd, logs: logs)
            try await Self.whileRunning(registration) {}
            #expect(registration.isRegistered == false)
            // Nothing revoked the lease (the key vanishes only once it expires).
            #expect(logs.messages(at: .info).contains { $0.contains("stopped without revoking") }, "\(logs.all())")
            #expect(!logs.all().contains { $0.contains("left the cluster") })
            #expect(try await Self.eventually { try await metadata.members().isEmpty })
        }
    }

    @Test("A region held by a live node at another URL is refused; the same URL takes it over")
    func regionClaimed() async throws {
        try await withEtcd { etcd in
            let metadata = EtcdMetadata(client: etcd.client())
            try await Self.whileRunning(Self.registration(etcd)) { () async throws in
                let intruder = Self.registration(etcd, url: "http://127.0.0.1:7999")
                await #expect(throws: MemberRegistrationError.regionClaimed(region: "eu", url: "http://127.0.0.1:7401")) {
                    try await intruder.run()
                }
                #expect(intruder.isRegistered == false)
                #expect(try await metadata.members() == [ClusterMember(region: "eu", url: "http://127.0.0.1:7401")])
            }
            // The same node restarted before its old lease expired: it takes the key over.
            let restarted = Self.registration(etcd)
            try await Self.whileRunning(restarted) { () async throws in
                #expect(try await etcd.client().get("/eyecrest/members/eu")?.lease == restarted.leaseID)
            }
        }
    }

    @Test("A lease revoked behind the node's back is replaced: the node registers again")
    func leaseLost() async throws {
        try await withEtcd { etcd in
            let metadata = EtcdMetadata(client: etcd.client())
            let registration = Self.registration(etcd)
            try await Self.whileRunning(registration) {
                let lost = try #require(registration.leaseID)
                try await etcd.client().leaseRevoke(lost)
                // Gone with its lease, unless the node noticed first and registered again
                // (a busy machine can delay this read past that).
                let members = try await metadata.members()
                #expect(members.isEmpty || registration.leaseID != lost, "\(members)")
                #expect(await Self.eventually { registration.leaseID.map { $0 != lost } ?? false })
                #expect(try await metadata.members().map(\.region) == ["eu"])
            }
        }
    }

    @Test("Registration survives etcd killed with SIGKILL and restarted; the outage is logged once")
    func etcdRestart() async throws {
        try await withEtcd { etcd in
            let metadata = EtcdMetadata(client: etcd.client())
            let logs = LogRecorder()
            let registration = Self.registration(etcd, logs: logs)
            try await Self.whileRunning(registration) {
                await etcd.kill9()
                // Longer than the TTL: the node must give the lease up and grant a new one.
                #expect(await Self.eventually { !registration.isRegistered })
                try await Task.sleep(for: .seconds(Self.ttl))
                try await etcd.restart()

                #expect(await Self.eventually { registration.isRegistered })
                #expect(try await Self.eventually { try await metadata.members().map(\.url) == ["http://127.0.0.1:7401"] })
                let warnings = logs.messages(at: .warning).filter { $0.contains("unreachable") }
                #expect(warnings.count == 1, "\(warnings)")
                #expect(logs.messages(at: .notice).contains { $0.contains("reachable again") })
            }
        }
    }
}

/// Keeps every message logged through ``logger``, for assertions on what was logged.
final class LogRecorder: Sendable {
    private let entries = Mutex<[(level: Logger.Level, message: String)]>([])

    var logger: Logger {
        Logger(label: "test") { _ in Handler(recorder: self) }
    }

    func all() -> [String] { entries.withLock { $0.map { "\($0.level) \($0.message)" } } }

    func messages(at level: Logger.Level) -> [String] {
        entries.withLock { $0.filter { $0.level == level }.map(\.message) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let line = "\(Date().formatted(.iso8601.time(includingFractionalSeconds: true))) \(event.message) \(event.metadata ?? [:])"
            recorder.entries.withLock { $0.append((event.level, line)) }
        }
    }
}
