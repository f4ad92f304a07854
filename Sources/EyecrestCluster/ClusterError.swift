/// Why the cluster refused or could not route a request. Each case has a stable code
/// and an HTTP status for the server to answer with; messages never hold the cluster key.
public enum ClusterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A region that is not a live member.
    case unknownRegion(String, live: [String])
    /// The same region named twice, or the primary also named as a replica.
    case invalidRegions(String)
    /// More regions than live members.
    case tooManyRegions(requested: Int, live: Int)
    /// An existing dataset's primary region cannot change.
    case primaryImmutable(current: String)
    /// etcd could not be reached and this node does not know the answer.
    case metadataUnavailable
    /// The region that must answer has no live node.
    case regionUnavailable(String)
    /// A region named by `x-force-region` does not hold the dataset.
    case misdirected(dataset: String, requested: String, holders: [String])

    public var code: String {
        switch self {
        case .unknownRegion: "unknown_region"
        case .invalidRegions: "invalid_regions"
        case .tooManyRegions: "too_many_regions"
        case .primaryImmutable: "primary_region_immutable"
        case .metadataUnavailable: "cluster_unavailable"
        case .regionUnavailable: "region_down"
        case .misdirected: "region_unavailable"
        }
    }

    /// The HTTP status this error answers with.
    public var status: Int {
        switch self {
        case .unknownRegion, .invalidRegions, .tooManyRegions: 400
        case .primaryImmutable: 409
        case .misdirected: 421
        case .metadataUnavailable, .regionUnavailable: 503
        }
    }

    public var description: String {
        switch self {
        case .unknownRegion(let region, let live):
            "Unknown region '\(region.prefix(64))'. Live regions: \(live.sorted().joined(separator: ", "))."
        case .invalidRegions(let message): message
        case .tooManyRegions(let requested, let live):
            "\(requested) regions were named but the cluster has \(live) live members."
        case .primaryImmutable(let current):
            "The dataset's primary region is '\(current)' and cannot change; replica regions can."
        case .metadataUnavailable:
            "The cluster's metadata store (etcd) cannot be reached and this node does not know where the dataset lives. Retry shortly."
        case .regionUnavailable(let region):
            "Region '\(region)' has no live node to answer; retry shortly."
        case .misdirected(let dataset, let requested, let holders):
            "The dataset '\(dataset)' is not available in region '\(requested.prefix(64))'; it is held in: \(holders.joined(separator: ", ")). Send the request without x-force-region, or with one of those regions."
        }
    }
}
