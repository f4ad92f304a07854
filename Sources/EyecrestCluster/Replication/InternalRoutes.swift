import EyecrestEngine
import Foundation

/// The node-to-node routes, as paths and query items. The server mounts them; peers call
/// them. Only a request carrying the cluster key reaches them.
public enum InternalRoutes {
    /// `GET`: the entries of one shard's log after a position (long-polls up to `wait` seconds).
    public static let log = "/internal/v1/log"
    /// `GET`: a consistent copy of one shard's database.
    public static let snapshot = "/internal/v1/snapshot"
    /// `POST`: re-read placements from etcd now (a placement changed).
    public static let sync = "/internal/v1/sync"
    /// `GET`: this node's view: members, and each dataset it is primary of with its replicas' progress.
    public static let status = "/internal/v1/status"

    /// The query of a log or snapshot request.
    public struct ShardQuery: Sendable, Equatable {
        public var org: String
        public var dataset: String
        public var uid: String
        public var shard: Int
        /// The replica's region and position (log requests).
        public var region: String
        public var after: LogPosition?
        public var wait: Int
        /// The replica's shard count: a primary whose dataset has another (resharded
        /// since) serves nothing, so that no shard of one layout lands in a copy of another.
        public var shards: Int?

        public init(
            org: String, dataset: String, uid: String, shard: Int, region: String, after: LogPosition? = nil, wait: Int = 0, shards: Int? = nil
        ) {
            self.org = org
            self.dataset = dataset
            self.uid = uid
            self.shard = shard
            self.region = region
            self.after = after
            self.wait = wait
            self.shards = shards
        }

        public var items: [URLQueryItem] {
            var items = [
                URLQueryItem(name: "org", value: org), URLQueryItem(name: "dataset", value: dataset), URLQueryItem(name: "uid", value: uid),
                URLQueryItem(name: "shard", value: String(shard)), URLQueryItem(name: "region", value: region),
                URLQueryItem(name: "wait", value: String(wait)),
            ]
            if let shards { items.append(URLQueryItem(name: "shards", value: String(shards))) }
            if let after {
                items.append(URLQueryItem(name: "after", value: String(after.seq)))
                items.append(URLQueryItem(name: "checksum", value: String(after.checksum)))
            }
            return items
        }

        /// Nil when a field is missing or malformed.
        public init?(_ value: (String) -> String?) {
            guard let org = value("org"), let dataset = value("dataset"), let uid = value("uid"), let region = value("region"),
                let shard = value("shard").flatMap(Int.init), shard >= 0
            else { return nil }
            let wait = value("wait").flatMap(Int.init) ?? 0
            var after: LogPosition?
            if let seq = value("after") {
                guard let seq = Int64(seq), let checksum = value("checksum").flatMap(Int64.init) else { return nil }
                after = LogPosition(seq: seq, checksum: checksum)
            }
            var shards: Int?
            if let count = value("shards") {
                guard let count = Int(count), count >= 1 else { return nil }
                shards = count
            }
            self.init(
                org: org, dataset: dataset, uid: uid, shard: shard, region: region, after: after, wait: min(max(wait, 0), 30), shards: shards)
        }

        public func url(base: String, path: String) -> String {
            var components = URLComponents(string: base + path)
            components?.queryItems = items
            return components?.url?.absoluteString ?? base + path
        }
    }
}
