import EyecrestCluster
import Foundation
import Testing

/// Regions on real processes (docs/cluster.md): placement rules, writes through any node,
/// replicas equal to their primary, reads from the nearest copy, and the node-to-node
/// routes closed to everyone without the cluster key.
@Suite("Cluster", .serialized)
struct ClusterTests {
    /// Polls until every region holds the same files as the primary and the same
    /// positions; returns the primary's files.
    static func converged(_ cluster: ClusterHarness, _ dataset: String, regions: [String], timeout: Duration = .seconds(30)) async throws
        -> [String: String]
    {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            var listings: [[String: String]] = []
            var positions: [[Int64]] = []
            for region in regions {
                listings.append((try? await cluster.http(region).files(dataset, region: region)) ?? ["<unreachable>": region])
                positions.append((try? await cluster.http(region).positions(dataset, region: region)) ?? [-1])
            }
            if Set(listings.map { $0.sorted { $0.key < $1.key }.description }).count == 1, Set(positions).count == 1 { return listings[0] }
            last = "positions \(positions), file counts \(listings.map(\.count))"
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ClusterTestFailure("regions \(regions) did not converge: \(last)")
    }

    @Test("Placement follows the original's rules, and a refused request stores nothing")
    func placementRules() async throws {
        try await withCluster(extraArguments: ["--region-order", "r3,r1"]) { cluster in
            let r3 = cluster.http("r3")
            // Created through r3 with r1 as primary: the placement is recorded, and r1 holds it.
            let created = try await r3.call("POST", "/v1/datasets/docs", json: ["primaryRegion": "r1", "replicaRegions": ["r2"]])
            #expect(created.status == 201, "\(created.text)")
            #expect(created["primaryRegion"] as? String == "r1" && created["region"] as? String == "r1", "\(created.text)")
            #expect(created["replicaRegions"] as? [String] == ["r2"])

            let refusals: [([String: Any], Int, String)] = [
                (["primaryRegion": "r2"], 409, "primary_region_immutable"),
                (["replicaRegions": ["r1"]], 400, "invalid_regions"),
                (["replicaRegions": ["r2", "r2"]], 400, "invalid_regions"),
                (["replicaRegions": ["r2", "r3", "mars"]], 400, "too_many_regions"),
                (["replicaRegions": ["mars"]], 400, "unknown_region"),
            ]
            for (body, status, code) in refusals {
                let answer = try await cluster.http("r2").call("POST", "/v1/datasets/docs", json: body)
                #expect(answer.status == status && answer["code"] as? String == code, "\(body): \(answer.text)")
            }
            let unknown = try await r3.call("POST", "/v1/datasets/elsewhere", json: ["primaryRegion": "mars"])
            #expect(unknown.status == 400 && unknown["code"] as? String == "unknown_region")
            #expect((unknown["error"] as? String)?.contains("r1, r2, r3") == true, "\(unknown.text)")
            #expect(try await r3.call("GET", "/v1/datasets/elsewhere").status == 404)
            let metadata = EtcdMetadata(client: cluster.etcd.client())
            #expect(try await metadata.placement(org: "local", dataset: "elsewhere") == nil)
            #expect(try await metadata.placement(org: "local", dataset: "docs")?.replicaRegions == ["r2"])

            // Replica regions can change: r3 gets a copy by snapshot, r2 drops its copy.
            _ = try await cluster.http("r1").call("PUT", "/v1/datasets/docs/files", json: ["files": [["filename": "a.md", "content": "# A\n\nalpha\n"]]])
            let moved = try await r3.call("POST", "/v1/datasets/docs", json: ["replicaRegions": ["r3"]])
            #expect(moved.status == 200 && moved["replicaRegions"] as? [String] == ["r3"], "\(moved.text)")
            _ = try await Self.converged(cluster, "docs", regions: ["r1", "r3"])
            var dropped = false
            for _ in 0..<100 where !dropped {
                let answer = try await cluster.http("r2").call("GET", "/v1/datasets/docs/files", headers: ["x-force-region": "r2"])
                dropped = answer.status == 421
                if !dropped { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(dropped, "r2 still answers for a dataset it no longer holds")
            // r2 holds no copy now: its reads go to the nearest holder, r3 by --region-order.
            let nearest = try await cluster.http("r2").call("GET", "/v1/datasets/docs/search?query=alpha")
            #expect(nearest.status == 200 && nearest["region"] as? String == "r3", "\(nearest.text)")
        }
    }

    @Test("Writes through any node reach every replica; reads name the region that answered")
    func writesAndReadsAcrossRegions() async throws {
        try await withCluster { cluster in
            let corpus = try unpackCorpus("rust-book", into: cluster.directory)
            let files = CrashSafetyTests.markdownFiles(under: corpus).prefix(60)
            #expect(try await cluster.http("r2").call("POST", "/v1/datasets/book", json: ["primaryRegion": "r1", "replicaRegions": ["r2", "r3"], "shards": 2]).status == 201)
            var position = ""
            for (index, slice) in stride(from: 0, to: files.count, by: 20).enumerated() {
                let batch = files.dropFirst(slice).prefix(20).map { ["filename": $0.name, "content": $0.content] }
                let written = try await cluster.http(["r1", "r2", "r3"][index % 3]).call("PUT", "/v1/datasets/book/files", json: ["files": batch])
                #expect(written.status == 200, "\(written.text)")
                let replication = written["replication"] as? [String: Any]
                #expect(replication?["status"] as? String == "replicated", "\(written.text)")
                #expect(Set(replication?["replicated"] as? [String] ?? []) == ["r2", "r3"])
                position = replication?["position"] as? String ?? ""
            }
            #expect(WritePosition(position)?.sequences.count == 2, "\(position)")
            // Acknowledged with waitForReplication: already on every replica.
            let primary = try await cluster.http("r1").files("book", region: "r1")
            #expect(primary.count == files.count)
            for region in ["r2", "r3"] { #expect(try await cluster.http(region).files("book", region: region) == primary) }

            // Search answers are the same from every region, and name it.
            for region in ["r1", "r2", "r3"] {
                let answer = try await cluster.http(region).call("GET", "/v1/datasets/book/search?query=ownership&minSeq=\(position)")
                #expect(answer.status == 200 && answer["region"] as? String == region, "\(answer.text)")
                #expect((answer["results"] as? [Any])?.isEmpty == false)
            }
            // minSeq is read, not ignored: a position that is not one is refused.
            let bogus = try await cluster.http("r2").call("GET", "/v1/datasets/book/search?query=ownership&minSeq=later")
            #expect(bogus.status == 400 && bogus["code"] as? String == "invalid_parameter", "\(bogus.text)")
            // A deleted file is gone everywhere once acknowledged.
            let deleted = try await cluster.http("r3").call("DELETE", "/v1/datasets/book/files", json: ["filenames": [files[0].name]])
            #expect((deleted["replication"] as? [String: Any])?["status"] as? String == "replicated", "\(deleted.text)")
            for region in ["r1", "r2", "r3"] {
                #expect(try await cluster.http(region).files("book", region: region)[files[0].name] == nil)
            }
            // The primary shows its replicas' progress.
            let shown = try await cluster.http("r3").call("GET", "/v1/datasets/book")
            let replicas = shown["replicas"] as? [[String: Any]] ?? []
            #expect(Set(replicas.compactMap { $0["region"] as? String }) == ["r2", "r3"], "\(shown.text)")
            #expect(replicas.allSatisfy { ($0["lagEntries"] as? Int) == 0 }, "\(shown.text)")
            let metrics = try await cluster.http("r1").call("GET", "/metrics")
            #expect(metrics.text.contains("eyecrest_replication_lag_entries{region=\"r2\"} 0"), "\(metrics.text.suffix(2_000))")

            // Synonyms set through a replica's node reach the primary, then every replica
            // through the dataset's etcd record, and searches there apply them.
            let rules: [String: Any] = ["oneWay": [["word": "possession", "synonyms": ["ownership"]]]]
            let stored = try await cluster.http("r3").call("PUT", "/v1/datasets/book/synonyms", json: rules)
            #expect(stored.status == 200, "\(stored.text)")
            for region in ["r1", "r2", "r3"] {
                var answer = try await cluster.http(region).call("GET", "/v1/datasets/book/search?query=possession&typoTolerance=false", headers: ["x-force-region": region])
                let deadline = ContinuousClock.now + .seconds(20)
                while (answer["results"] as? [Any])?.isEmpty != false, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(200))
                    answer = try await cluster.http(region).call("GET", "/v1/datasets/book/search?query=possession&typoTolerance=false", headers: ["x-force-region": region])
                }
                #expect(answer["region"] as? String == region && (answer["results"] as? [Any])?.isEmpty == false, "\(region): \(answer.text)")
                let shownRules = try await cluster.http(region).call("GET", "/v1/datasets/book/synonyms", headers: ["x-force-region": region])
                #expect(shownRules.text == stored.text, "\(region): \(shownRules.text)")
            }
        }
    }

    @Test("A resharding runs on the primary's node, and every replica follows it to the new shard count")
    func replicasFollowResharding() async throws {
        try await withCluster { cluster in
            let corpus = try unpackCorpus("rust-book", into: cluster.directory)
            let files = CrashSafetyTests.markdownFiles(under: corpus).prefix(60)
            #expect(try await cluster.http("r2").call("POST", "/v1/datasets/book", json: ["primaryRegion": "r1", "replicaRegions": ["r2", "r3"]]).status == 201)
            let batch = files.map { ["filename": $0.name, "content": $0.content] }
            let loaded = try await cluster.http("r1").call("PUT", "/v1/datasets/book/files", json: ["files": batch])
            #expect(loaded.status == 200, "\(loaded.text)")
            let before = (loaded["replication"] as? [String: Any])?["position"] as? String ?? ""
            _ = try await Self.converged(cluster, "book", regions: ["r1", "r2", "r3"])

            // Asked through a replica's node: forwarded to the primary's, which reshards.
            let started = try await cluster.http("r3").call("POST", "/v1/datasets/book", json: ["shards": 3])
            #expect(started.status == 202 && (started["resharding"] as? [String: Any])?["to"] as? Int == 3, "\(started.text)")
            // Writes go on meanwhile, through any node.
            let rewritten = files.prefix(5).map { ["filename": $0.name, "content": $0.content + "\nRewritten while resharding.\n"] }
            #expect(try await cluster.http("r2").call("PUT", "/v1/datasets/book/files", json: ["files": rewritten]).status == 200)
            #expect(try await cluster.http("r3").call("DELETE", "/v1/datasets/book/files", json: ["filenames": [files[10].name]]).status == 200)

            let deadline = ContinuousClock.now + .seconds(60)
            var shown = try await cluster.http("r1").call("GET", "/v1/datasets/book")
            while shown["resharding"] != nil || shown["shards"] as? Int != 3, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                shown = try await cluster.http("r1").call("GET", "/v1/datasets/book")
            }
            #expect(shown["shards"] as? Int == 3 && shown["resharding"] == nil, "\(shown.text)")
            let converged = try await Self.converged(cluster, "book", regions: ["r1", "r2", "r3"], timeout: .seconds(60))
            #expect(converged.count == files.count - 1 && converged[files[10].name] == nil)
            for region in ["r1", "r2", "r3"] {
                #expect(try await cluster.http(region).positions("book", region: region).count == 3, "\(region)")
                let found = try await cluster.http(region).call("GET", "/v1/datasets/book/search?query=Rewritten%20while%20resharding")
                #expect((found["results"] as? [Any])?.isEmpty == false, "\(region): \(found.text)")
            }
            let metadata = EtcdMetadata(client: cluster.etcd.client())
            let placement = try await metadata.placement(org: "local", dataset: "book")
            #expect(placement?.shards == 3 && placement?.epoch == 2, "\(String(describing: placement))")

            // Positions name their epoch: the switch raised it, so one from before it is never
            // taken for one after it. A new write waits for the rebuilt replicas and reads back
            // from one of them; the old position is answered by the primary.
            let after = try await cluster.http("r2").call("PUT", "/v1/datasets/book/files", json: ["files": [["filename": "new.md", "content": "# New\n\nafterswitch\n"]]])
            let replication = after["replication"] as? [String: Any]
            let position = replication?["position"] as? String ?? ""
            #expect(position.hasPrefix("2:") && replication?["status"] as? String == "replicated", "\(after.text)")
            let fresh = try await cluster.http("r3").call("GET", "/v1/datasets/book/search?query=afterswitch&minSeq=\(position)")
            #expect(fresh["region"] as? String == "r3" && (fresh["results"] as? [Any])?.count == 1, "\(fresh.text)")
            #expect(before.hasPrefix("1:"), "\(before)")
            let old = try await cluster.http("r3").call("GET", "/v1/datasets/book/search?query=afterswitch&minSeq=\(before)")
            #expect(old.status == 200 && old["region"] as? String == "r1", "\(old.text)")
        }
    }

    @Test("Node-to-node routes need the cluster key, and a client cannot choose its org")
    func nodeRoutesNeedTheKey() async throws {
        try await withCluster(regions: ["r1", "r2"]) { cluster in
            let http = cluster.http("r1")
            #expect(try await http.call("POST", "/v1/datasets/d", json: ["replicaRegions": ["r2"]]).status == 201)
            let key = try String(contentsOf: cluster.keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            for headers in [[:], ["x-eyecrest-cluster-key": "wrong"], ["authorization": "Bearer \(key)"]] {
                let answer = try await http.call("GET", "/internal/v1/status", headers: headers)
                #expect(answer.status == 401 && answer["code"] as? String == "invalid_cluster_key", "\(headers.keys): \(answer.text)")
                #expect(!answer.text.contains(key))
            }
            let forged = try await http.call("GET", "/v1/datasets/d", headers: ["x-eyecrest-org": "someone-else", "x-eyecrest-cluster-key": "guess"])
            #expect(forged.status == 401)
            // Without the key the org header means nothing: the caller stays who it is.
            let ignored = try await http.call("GET", "/v1/datasets/d", headers: ["x-eyecrest-org": "someone-else"])
            #expect(ignored.status == 200 && ignored["orgId"] as? String == "local", "\(ignored.text)")
            let status = try await http.call("GET", "/internal/v1/status", headers: ["x-eyecrest-cluster-key": key])
            #expect(status.status == 200 && (status["members"] as? [String: Any])?.count == 2, "\(status.text)")
            #expect(!cluster.logs().contains(key))
        }
    }

    @Test("A node that cannot reach etcd says so, keeps trying, and serves no dataset it cannot place")
    func etcdUnreachable() async throws {
        try await withTemporaryDirectory { directory in
            let key = directory.appendingPathComponent("cluster.key")
            try ClusterKey.generate().write(to: key, replace: false)
            let nothingThere = try freeLoopbackPort()
            let port = try freeLoopbackPort()
            let node = try ServerProcess(
                dataDirectory: directory.appendingPathComponent("data"), logFile: directory.appendingPathComponent("node.log"),
                extraArguments: [
                    "--region", "r1", "--etcd", "http://127.0.0.1:\(nothingThere)", "--advertise-url", "http://127.0.0.1:\(port)",
                    "--cluster-key", key.path,
                ], port: port)
            do {
                try await node.waitUntilReady()
                let http = LiveHTTP(baseURL: node.url)
                let created = try await http.call("POST", "/v1/datasets/d", json: [:])
                #expect(created.status == 503 && created["code"] as? String == "cluster_unavailable", "\(created.text)")
                let read = try await http.call("GET", "/v1/datasets/d/search?query=x")
                #expect(read.status == 503 && read["code"] as? String == "cluster_unavailable", "\(read.text)")
                var said = false
                for _ in 0..<100 where !said {
                    said = node.log().contains("etcd is unreachable; retrying")
                    if !said { try await Task.sleep(for: .milliseconds(100)) }
                }
                #expect(said, "\(node.log().suffix(2_000))")
                #expect(node.process.isRunning)
            } catch {
                Issue.record("node log:\n\(node.log().suffix(4_000))")
                await node.stop()
                throw error
            }
            await node.stop()
        }
    }
}
