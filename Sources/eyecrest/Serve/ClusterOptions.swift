import ArgumentParser
import EyecrestCluster
import EyecrestEngine
import EyecrestServer
import Foundation

/// `serve`'s cluster options (docs/cluster.md). Without `--etcd` the node is the embedded
/// single node and the others must not be given.
struct ClusterOptions: ParsableArguments {
    @Option(name: .customLong("etcd"), help: "etcd client URLs, comma-separated: join a cluster (env EYECREST_ETCD).")
    var etcd: String?

    @Option(help: "The URL other nodes reach this node at, e.g. http://10.0.0.2:7400 (env EYECREST_ADVERTISE_URL).")
    var advertiseURL: String?

    @Option(help: "A file holding the cluster key ('eyecrest cluster key generate') (env EYECREST_CLUSTER_KEY_FILE).")
    var clusterKey: String?

    @Option(help: "Seconds a write with waitForReplication waits for its replicas (env EYECREST_REPLICATION_TIMEOUT). [default: 5]")
    var replicationTimeout: Double?

    @Option(help: "Regions to read from first, nearest first, comma-separated; others follow by measured round trip (env EYECREST_REGION_ORDER).")
    var regionOrder: String?

    @Option(help: "Operation-log entries each shard keeps for replicas that fall behind; one further behind gets a snapshot (env EYECREST_LOG_RETENTION). [default: \(Engine.defaultLogRetention)]")
    var logRetention: Int?

    func apply(to configuration: inout ServerConfiguration, environment: [String: String]) throws {
        if let text = logRetention.map(String.init) ?? environment["EYECREST_LOG_RETENTION"] {
            guard let value = Int(text), value >= 1 else { throw ValidationError("Invalid --log-retention '\(text)': use a number of at least 1.") }
            configuration.logRetention = value
        }
        let endpoints = (etcd ?? environment["EYECREST_ETCD"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let advertise = advertiseURL ?? environment["EYECREST_ADVERTISE_URL"]
        let keyFile = clusterKey ?? environment["EYECREST_CLUSTER_KEY_FILE"]
        guard !endpoints.isEmpty else {
            if advertise != nil || keyFile != nil {
                throw ValidationError("--advertise-url and --cluster-key only mean something with --etcd (joining a cluster).")
            }
            return
        }
        guard let advertise else { throw ValidationError("--etcd needs --advertise-url: the URL other nodes reach this one at.") }
        guard let keyFile else { throw ValidationError("--etcd needs --cluster-key FILE (make one with 'eyecrest cluster key generate --out FILE').") }
        let key: ClusterKey
        do { key = try ClusterKey.load(from: URL(fileURLWithPath: keyFile)) } catch { throw ValidationError(error.description) }
        var cluster = ClusterConfiguration(etcdEndpoints: endpoints, advertiseURL: advertise, clusterKey: key)
        if let text = replicationTimeout.map({ String($0) }) ?? environment["EYECREST_REPLICATION_TIMEOUT"] {
            guard let seconds = Double(text), seconds.isFinite, seconds > 0 else {
                throw ValidationError("Invalid --replication-timeout '\(text)': use seconds, e.g. 5 or 0.5.")
            }
            cluster.replicationTimeout = .milliseconds(Int64(seconds * 1_000))
        }
        if let order = regionOrder ?? environment["EYECREST_REGION_ORDER"] {
            cluster.regionOrder = order.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        configuration.cluster = cluster
    }
}
