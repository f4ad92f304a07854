import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Keeps this node registered as its region's member in etcd for as long as it runs.
///
/// The member key (``EtcdKeyLayout/member(region:)``) is attached to a lease of ``ttl``
/// seconds, renewed every third of it. When etcd cannot be reached the service keeps
/// retrying and logs one warning per outage; once the lease is gone (etcd lost it, or no
/// renewal got through for a whole TTL) it grants a new one and registers again.
///
/// A region has one node: if a live member with another URL holds the region, ``run()``
/// throws ``MemberRegistrationError/regionClaimed(region:url:)``. The same URL (this
/// node restarted before its old lease expired) takes the key over.
///
/// On graceful shutdown the lease is revoked, so the member drops out at once. A task
/// cancelled without a graceful shutdown revokes nothing, like a crash: the member drops
/// out when the lease expires.
public final class MemberRegistration: Service, Sendable {
    public let member: ClusterMember
    /// The lease's time to live, in seconds.
    public let ttl: Int64
    private let client: EtcdClient
    private let layout: EtcdKeyLayout
    private let logger: Logger
    /// The lease the member key is attached to, while registered.
    private let registeredLease = Mutex<Int64?>(nil)
    /// Where registration and renewals run: never queued behind busy cooperative threads.
    private let executor = DedicatedExecutor(label: "eyecrest.member-registration")

    public init(member: ClusterMember, client: EtcdClient, layout: EtcdKeyLayout = EtcdKeyLayout(), ttl: Int64 = 10, logger: Logger) {
        self.member = member
        self.client = client
        self.layout = layout
        self.ttl = max(ttl, 1)
        self.logger = logger
    }

    /// True while the member key is stored under a lease this service renews.
    public var isRegistered: Bool { registeredLease.withLock { $0 != nil } }

    /// The lease holding the member key while registered (other keys that must vanish
    /// with this node may be attached to it).
    public var leaseID: Int64? { registeredLease.withLock { $0 } }

    /// How often the lease is renewed, and how long to wait between attempts while etcd
    /// is unreachable.
    var renewalInterval: Duration { .milliseconds(ttl * 1000 / 3) }

    public func run() async throws {
        do {
            try await withTaskExecutorPreference(executor) {
                try await cancelWhenGracefulShutdown { try await self.maintainRegistration() }
            }
        } catch is CancellationError {
            // Cancelled, or shutting down gracefully: both end the registration below.
        }
        let lease = registeredLease.withLock { lease in
            defer { lease = nil }
            return lease
        }
        guard let lease else { return }
        guard Task.isShuttingDownGracefully else {
            logger.info("stopped without revoking the member lease; the member drops out when it expires", metadata: ["lease": "\(lease)"])
            return
        }
        do {
            try await client.leaseRevoke(lease)
            logger.info("left the cluster", metadata: ["region": "\(member.region)"])
        } catch {
            logger.warning("could not revoke the member lease; the member drops out when it expires", metadata: ["error": "\(error)"])
        }
    }

    /// Registers, renews, and registers again whenever the lease is lost. Returns only by
    /// throwing: cancellation, or a region claimed by another node.
    private func maintainRegistration() async throws {
        var outage = OutageLog(logger: logger, retryInterval: renewalInterval)
        while true {
            let lease: EtcdLease
            do {
                lease = try await client.leaseGrant(ttl: ttl)
                try await claimRegion(with: lease)
            } catch let error as EtcdError {
                try Task.checkCancellation()  // a call cut short by shutdown is no outage
                outage.failed(error)
                try await Task.sleep(for: renewalInterval)
                continue
            }
            outage.recovered()
            logger.info("registered in the cluster", metadata: ["region": "\(member.region)", "url": "\(member.url)", "lease": "\(lease.id)"])
            try await renew(lease, outage: &outage)
        }
    }

    /// Stores the member key under `lease`: created if absent, taken over if it holds
    /// this node's URL, refused if it holds another's.
    private func claimRegion(with lease: EtcdLease) async throws {
        let key = layout.member(region: member.region)
        while true {
            let current: EtcdKeyValue
            switch try await client.createIfAbsent(key, value: member, lease: lease.id) {
            case .swapped:
                registeredLease.withLock { $0 = lease.id }
                return
            case .conflict(nil):
                continue  // deleted between the compare and the read: try again
            case .conflict(let existing?):
                current = existing
            }
            let holder = try current.decode(ClusterMember.self)
            guard holder.url == member.url else {
                try? await client.leaseRevoke(lease.id)
                throw MemberRegistrationError.regionClaimed(region: member.region, url: holder.url)
            }
            if try await client.put(key, value: member, lease: lease.id, if: .modRevision(current.modRevision)) == .swapped {
                registeredLease.withLock { $0 = lease.id }
                return
            }
        }
    }

    /// Renews `lease` every ``renewalInterval`` until it is lost: etcd no longer knows it,
    /// or no renewal got through for a whole TTL (so it has expired, or soon will).
    private func renew(_ lease: EtcdLease, outage: inout OutageLog) async throws {
        var lastRenewal = ContinuousClock.now
        while true {
            try await Task.sleep(for: renewalInterval)
            do {
                let remaining = try await client.leaseKeepAlive(lease.id)
                logger.trace("renewed the member lease", metadata: ["lease": "\(lease.id)", "ttl": "\(remaining)"])
                lastRenewal = .now
                outage.recovered()
            } catch EtcdError.leaseNotFound {
                registeredLease.withLock { $0 = nil }
                logger.warning("the member lease was lost; registering again", metadata: ["region": "\(member.region)"])
                return
            } catch {
                try Task.checkCancellation()
                outage.failed(error)
                if ContinuousClock.now - lastRenewal >= .seconds(lease.ttl) {
                    registeredLease.withLock { $0 = nil }
                    return
                }
            }
        }
    }
}

/// Why a node cannot join the cluster.
public enum MemberRegistrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A live member at another URL already serves the region.
    case regionClaimed(region: String, url: String)

    public var description: String {
        switch self {
        case .regionClaimed(let region, let url):
            "region '\(region)' is already registered by the live node at \(url); a region has one node (stop that node, or start this one with another region)"
        }
    }
}

/// Logs an etcd outage once when it starts and once when it ends, not at every retry.
struct OutageLog {
    let logger: Logger
    let retryInterval: Duration
    private(set) var isOngoing = false

    init(logger: Logger, retryInterval: Duration) {
        self.logger = logger
        self.retryInterval = retryInterval
    }

    mutating func failed(_ error: any Error) {
        if isOngoing {
            logger.debug("etcd still unreachable", metadata: ["error": "\(error)"])
        } else {
            isOngoing = true
            logger.warning("etcd is unreachable; retrying every \(retryInterval)", metadata: ["error": "\(error)"])
        }
    }

    mutating func recovered() {
        guard isOngoing else { return }
        isOngoing = false
        logger.notice("etcd is reachable again")
    }
}
