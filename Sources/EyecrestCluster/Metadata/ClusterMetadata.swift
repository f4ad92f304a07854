import EyecrestEngine
import Foundation

/// A live node of the cluster: the region it serves and where other nodes reach it.
public struct ClusterMember: Codable, Sendable, Equatable, Hashable {
    public var region: String
    /// The node's advertise URL, e.g. `http://127.0.0.1:7401`.
    public var url: String

    public init(region: String, url: String) {
        self.region = region
        self.url = url
    }
}

/// Where a dataset lives: its primary region (which takes every write) and the regions
/// holding replicas.
public struct Placement: Codable, Sendable, Equatable {
    public var org: String
    public var dataset: String
    public var primaryRegion: String
    public var replicaRegions: [String]
    public var shards: Int
    /// 1 at creation; bumped by a failover, so an old primary's writes can be fenced off.
    public var epoch: Int
    /// Random per creation, so a dataset deleted and created again is a different one.
    public var uid: String
    public var createdAt: Date
    /// The dataset's synonyms, published by its primary for the replicas to apply; nil
    /// when it has none (and in records written before synonyms existed).
    public var synonyms: SynonymRules?

    public init(
        org: String, dataset: String, primaryRegion: String, replicaRegions: [String], shards: Int, epoch: Int, uid: String,
        createdAt: Date, synonyms: SynonymRules? = nil
    ) {
        self.synonyms = synonyms
        self.org = org
        self.dataset = dataset
        self.primaryRegion = primaryRegion
        self.replicaRegions = replicaRegions
        self.shards = shards
        self.epoch = epoch
        self.uid = uid
        self.createdAt = createdAt
    }
}

/// The cluster's shared metadata: live members and dataset placements. Documents never
/// pass through it.
public protocol ClusterMetadata: Sendable {
    /// Live members (registered under a lease: a node that dies drops out).
    func members() async throws -> [ClusterMember]
    func placement(org: String, dataset: String) async throws -> Placement?
    func placements() async throws -> [Placement]
    /// Stores `placement` unless one exists for (org, dataset); returns the stored one.
    func createPlacement(_ placement: Placement) async throws -> (placement: Placement, created: Bool)
    /// Replaces `expected` with `updated` atomically; false when it changed meanwhile.
    func replacePlacement(_ expected: Placement, with updated: Placement) async throws -> Bool
    func removePlacement(org: String, dataset: String) async throws
}
