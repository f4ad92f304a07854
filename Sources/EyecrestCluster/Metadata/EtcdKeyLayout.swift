import Foundation

/// The etcd keys of a cluster's metadata, all under one root (`/eyecrest` by default):
///
/// - `<root>/members/<region>` → a ``ClusterMember`` as JSON, attached to the node's
///   lease, so the key vanishes when the node stops renewing it.
/// - `<root>/datasets/<org>/<dataset>` → a ``Placement`` as JSON, without a lease.
///
/// Every name is percent-escaped (all but `A-Z a-z 0-9 - . _ ~`), so no org, dataset or
/// region can produce a `/` and `<root>/datasets/<org>/` holds exactly one org's
/// datasets. Two clusters may share an etcd with different roots.
public struct EtcdKeyLayout: Sendable, Equatable {
    /// The prefix of every key, without a trailing slash.
    public let root: String

    public init(root: String = "/eyecrest") {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    public var membersPrefix: String { root + "/members/" }
    public var datasetsPrefix: String { root + "/datasets/" }

    public func member(region: String) -> String { membersPrefix + Self.escape(region) }

    public func placement(org: String, dataset: String) -> String { datasetsPrefix + Self.escape(org) + "/" + Self.escape(dataset) }

    /// `name` with every byte outside `A-Z a-z 0-9 - . _ ~` written as `%XX`.
    static func escape(_ name: String) -> String {
        var escaped = ""
        for byte in name.utf8 {
            if unreserved.contains(byte) {
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                escaped += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return escaped
    }

    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
