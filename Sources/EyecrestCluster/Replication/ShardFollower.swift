import EyecrestEngine
import Foundation
import Logging
import NIOFoundationCompat
import Synchronization

/// A replica's copy of one shard, kept up with its primary: asks for the entries after
/// its position (long-polling), applies them, and installs a snapshot when the primary
/// says its position is gone from the log or the entries do not follow its history.
/// Asking again right after applying is what acknowledges the batch to the primary.
final class ShardFollower: Sendable {

    let key: DatasetKey
    let uid: String
    let shard: Int
    private let primaryURL: @Sendable () -> String?
    private let region: String
    private let engine: Engine
    private let peers: PeerClient
    private let logger: Logger
    /// Caught up with the primary at least once since this follower started.
    let isReady = Atomic<Bool>(false)

    init(
        key: DatasetKey, uid: String, shard: Int, region: String, primaryURL: @escaping @Sendable () -> String?, engine: Engine,
        peers: PeerClient, logger: Logger
    ) {
        self.key = key
        self.uid = uid
        self.shard = shard
        self.region = region
        self.primaryURL = primaryURL
        self.engine = engine
        self.peers = peers
        self.logger = logger
    }

    /// Runs until cancelled.
    func run() async {
        var failures = 0
        while !Task.isCancelled {
            do {
                try await step()
                failures = 0
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                if failures == 1 || failures.isMultiple(of: 50) {
                    logger.warning(
                        "replication from the primary failed; retrying",
                        metadata: ["dataset": "\(key.id)", "shard": "\(shard)", "error": "\(error)", "failures": "\(failures)"])
                }
                try? await Task.sleep(for: .milliseconds(min(2_000, 100 * failures)))
            }
        }
    }

    private func step() async throws {
        guard let base = primaryURL() else { throw FollowerError.primaryUnknown }
        let positions = try await engine.logPositions(org: key.org, dataset: key.id)
        let position = positions[shard]
        let query = InternalRoutes.ShardQuery(
            org: key.org, dataset: key.id, uid: uid, shard: shard, region: region, after: position, wait: 10, shards: positions.count)
        let response = try await peers.send(.GET, query.url(base: base, path: InternalRoutes.log), timeout: .seconds(20))
        guard response.status == 200 else {
            // The primary no longer serves this copy (deleted, or resharded since): it is
            // not read from until the cluster's next reconciliation replaces it.
            if response.status == 404 { isReady.store(false, ordering: .relaxed) }
            throw FollowerError.status(response.status)
        }
        let batch = try JSONDecoder().decode(LogBatch.self, from: Data(buffer: response.body))
        var applied = position
        if batch.snapshotRequired {
            applied = try await installSnapshot(from: base)
        } else if !batch.entries.isEmpty {
            do {
                applied = try await engine.applyLog(org: key.org, dataset: key.id, shard: shard, batch)
            } catch let error as ReplicationError {
                logger.warning("a replica's log does not follow its primary's; installing a snapshot", metadata: ["dataset": "\(key.id)", "shard": "\(shard)", "reason": "\(error)"])
                applied = try await installSnapshot(from: base)
            }
        }
        if applied.seq >= batch.last.seq { isReady.store(true, ordering: .relaxed) }
    }

    private func installSnapshot(from base: String) async throws -> LogPosition {
        let shards = try await engine.dataset(org: key.org, id: key.id).shardCount
        let query = InternalRoutes.ShardQuery(org: key.org, dataset: key.id, uid: uid, shard: shard, region: region, shards: shards)
        // In the data directory: installing is a rename, which cannot cross file systems.
        let folder = engine.dataDirectory.appendingPathComponent("incoming")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: file) }
        let (code, _) = try await peers.download(query.url(base: base, path: InternalRoutes.snapshot), to: file, timeout: .seconds(300))
        guard code == 200 else { throw FollowerError.status(code) }
        let position = try await engine.installSnapshot(org: key.org, dataset: key.id, shard: shard, from: file)
        logger.info("installed a snapshot", metadata: ["dataset": "\(key.id)", "shard": "\(shard)", "seq": "\(position.seq)"])
        return position
    }
}

enum FollowerError: Error, CustomStringConvertible {
    case primaryUnknown
    case status(Int)

    var description: String {
        switch self {
        case .primaryUnknown: "the primary's region has no live member"
        case .status(let code): "the primary answered \(code)"
        }
    }
}
