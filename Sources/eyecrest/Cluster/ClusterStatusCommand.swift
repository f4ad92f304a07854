import ArgumentParser
import EyecrestAPI
import EyecrestClient
import EyecrestCluster
import Foundation
import NIOFoundationCompat

/// `eyecrest cluster status`: members, datasets, primaries and replica lag, asked of one
/// node and of each primary (the primary is the one that knows its replicas' progress).
struct ClusterStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the cluster's members, datasets, primaries and replica lag.")

    @Option(help: "Any node of the cluster (env EYECREST_SERVER). [default: \(EyecrestClient.defaultServer)]")
    var server: String?

    @Option(help: "The cluster key file (env EYECREST_CLUSTER_KEY_FILE).")
    var clusterKey: String?

    @Flag(help: "Print the status as JSON.")
    var json = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let base = server ?? environment["EYECREST_SERVER"] ?? EyecrestClient.defaultServer
        guard let keyFile = clusterKey ?? environment["EYECREST_CLUSTER_KEY_FILE"] else {
            throw ValidationError("Give the cluster key file with --cluster-key FILE (or EYECREST_CLUSTER_KEY_FILE).")
        }
        let key: ClusterKey
        do { key = try ClusterKey.load(from: URL(fileURLWithPath: keyFile)) } catch { throw CLIError(error.description) }
        let peers = PeerClient(key: key)
        defer { Task { try? await peers.shutdown() } }
        var status = try await Self.status(of: base, peers: peers)
        // Each primary knows its replicas' progress: ask the members this node is not.
        for (region, url) in status.members where region != status.region {
            guard let other = try? await Self.status(of: url, peers: peers) else { continue }
            for (index, dataset) in status.datasets.enumerated() where dataset.primaryRegion == region {
                status.datasets[index].replicas = other.datasets.first { $0.org == dataset.org && $0.datasetId == dataset.datasetId }?.replicas
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
            return
        }
        print("members (\(status.members.count)):")
        for (region, url) in status.members.sorted(by: { $0.key < $1.key }) { print("  \(region)  \(url)") }
        print("datasets (\(status.datasets.count)):")
        for dataset in status.datasets {
            print("  \(dataset.org)/\(dataset.datasetId)  primary \(dataset.primaryRegion)  shards \(dataset.shards)")
            for replica in dataset.replicaRegions {
                let state = dataset.replicas?.first { $0.region == replica }
                let lag = state.map { "applied \($0.appliedPosition ?? "nothing yet"), lag \($0.lagEntries) entries / \(String(format: "%.1f", $0.lagSeconds)) s" }
                print("    replica \(replica): \(lag ?? "primary not reachable")")
            }
        }
    }

    static func status(of base: String, peers: PeerClient) async throws -> ClusterStatus {
        let answer: PeerClient.Response
        do {
            answer = try await peers.send(.GET, base + InternalRoutes.status, timeout: .seconds(10))
        } catch {
            throw CLIError("Could not reach \(base): \(error). Is a node of the cluster running there?")
        }
        guard answer.status == 200 else {
            throw CLIError("\(base) answered \(answer.status): \(String(buffer: answer.body).prefix(300))")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(ClusterStatus.self, from: Data(buffer: answer.body))
    }
}
