import EyecrestCluster
import EyecrestMarkdown
import Foundation
import Testing

/// ``EtcdClient`` and ``EtcdMetadata`` against a real etcd.
@Suite("etcd metadata", .enabled(if: EtcdProcess.isInstalled, "needs /usr/bin/etcd (Debian package etcd-server)"))
struct EtcdMetadataTests {
    struct Note: Codable, Equatable {
        var text: String
        var count: Int
    }

    static func placement(org: String = "acme", dataset: String = "docs", replicas: [String] = ["eu"]) -> Placement {
        Placement(
            org: org, dataset: dataset, primaryRegion: "us", replicaRegions: replicas, shards: 4, epoch: 1, uid: UUID().uuidString,
            createdAt: Date())
    }

    @Test("put, get, range over a prefix, delete")
    func keysAndValues() async throws {
        try await withEtcd { etcd in
            let client = etcd.client()
            try await client.put("/t/a/1", value: Note(text: "one", count: 1))
            try await client.put("/t/a/2", value: Note(text: "two", count: 2))
            try await client.put("/t/ab", value: Note(text: "sibling", count: 3))

            let one = try #require(try await client.get("/t/a/1"))
            #expect(try one.decode(Note.self) == Note(text: "one", count: 1))
            #expect(one.createRevision > 0 && one.modRevision == one.createRevision && one.lease == 0)
            #expect(try await client.get("/t/a/3") == nil)

            // The prefix "/t/a/" must not reach "/t/ab".
            let listed = try await client.range(prefix: "/t/a/")
            #expect(listed.map(\.key) == ["/t/a/1", "/t/a/2"])
            #expect(try listed.map { try $0.decode(Note.self).text } == ["one", "two"])

            try await client.put("/t/a/1", value: Note(text: "uno", count: 1))
            let rewritten = try #require(try await client.get("/t/a/1"))
            #expect(rewritten.modRevision > one.modRevision && rewritten.createRevision == one.createRevision)

            #expect(try await client.delete("/t/a/1"))
            #expect(try await client.delete("/t/a/1") == false)
            #expect(try await client.get("/t/a/1") == nil)
            #expect(try await client.range(prefix: "/t/").map(\.key) == ["/t/a/2", "/t/ab"])
        }
    }

    @Test("Compare-and-swap: create if absent, update if the mod revision or the value is unchanged")
    func compareAndSwap() async throws {
        try await withEtcd { etcd in
            let client = etcd.client()
            #expect(try await client.createIfAbsent("/t/k", value: Note(text: "first", count: 1)) == .swapped)
            guard case .conflict(let existing?) = try await client.createIfAbsent("/t/k", value: Note(text: "second", count: 2)) else {
                Issue.record("a second create-if-absent succeeded")
                return
            }
            #expect(try existing.decode(Note.self).text == "first")

            #expect(try await client.put("/t/k", value: Note(text: "v2", count: 2), if: .modRevision(existing.modRevision)) == .swapped)
            let stale = try await client.put("/t/k", value: Note(text: "v3", count: 3), if: .modRevision(existing.modRevision))
            guard case .conflict(let current?) = stale else {
                Issue.record("an update on a stale mod revision succeeded: \(stale)")
                return
            }
            #expect(try current.decode(Note.self).text == "v2")

            let v2Bytes = try EtcdClient.encode(Note(text: "v2", count: 2))
            #expect(try await client.put("/t/k", value: Note(text: "v4", count: 4), if: .value(v2Bytes)) == .swapped)
            #expect(try await client.put("/t/k", value: Note(text: "v5", count: 5), if: .value(v2Bytes)) != .swapped)
            #expect(try await client.get("/t/k")?.decode(Note.self).text == "v4")
        }
    }

    @Test("Creating a placement twice keeps the first and says so")
    func createPlacementTwice() async throws {
        try await withEtcd { etcd in
            let metadata = EtcdMetadata(client: etcd.client())
            let first = Self.placement()
            let created = try await metadata.createPlacement(first)
            #expect(created.created)
            #expect(created.placement.uid == first.uid && created.placement.primaryRegion == "us")

            var second = Self.placement(replicas: ["ap"])
            second.primaryRegion = "eu"
            let again = try await metadata.createPlacement(second)
            #expect(again.created == false)
            #expect(again.placement == created.placement)
            #expect(try await metadata.placement(org: "acme", dataset: "docs") == created.placement)

            // Retrying the very same placement (an answer lost in transit) counts as created.
            #expect(try await metadata.createPlacement(first).created)
        }
    }

    @Test("Replacing a placement succeeds once and fails on a stale expected one")
    func replacePlacement() async throws {
        try await withEtcd { etcd in
            let metadata = EtcdMetadata(client: etcd.client())
            // The caller's own copy, dates finer than the stored milliseconds included.
            let original = Self.placement()
            _ = try await metadata.createPlacement(original)

            var withAsia = original
            withAsia.replicaRegions.append("ap")
            #expect(try await metadata.replacePlacement(original, with: withAsia))
            var withoutEurope = original
            withoutEurope.replicaRegions = []
            #expect(try await metadata.replacePlacement(original, with: withoutEurope) == false)
            #expect(try await metadata.placement(org: "acme", dataset: "docs")?.replicaRegions == ["eu", "ap"])

            // A placement read back is a valid expected value.
            let stored = try #require(try await metadata.placement(org: "acme", dataset: "docs"))
            var bumped = stored
            bumped.epoch = 2
            #expect(try await metadata.replacePlacement(stored, with: bumped))

            // Deleted and created again: an expected value from before does not match.
            try await metadata.removePlacement(org: "acme", dataset: "docs")
            #expect(try await metadata.placement(org: "acme", dataset: "docs") == nil)
            #expect(try await metadata.replacePlacement(bumped, with: stored) == false)
            _ = try await metadata.createPlacement(Self.placement())
            #expect(try await metadata.replacePlacement(bumped, with: stored) == false)

            await #expect(throws: EtcdError.self) {
                var moved = bumped
                moved.dataset = "elsewhere"
                _ = try await metadata.replacePlacement(bumped, with: moved)
            }
        }
    }

    @Test("Placements of every org are listed; an org name cannot escape its key segment")
    func placementKeys() async throws {
        try await withEtcd { etcd in
            let metadata = EtcdMetadata(client: etcd.client())
            let layout = EtcdKeyLayout()
            #expect(layout.placement(org: "a/b", dataset: "d") == "/eyecrest/datasets/a%2Fb/d")
            #expect(layout.member(region: "eu west") == "/eyecrest/members/eu%20west")

            for (org, dataset) in [("acme", "docs"), ("acme", "api"), ("a/b", "d"), ("a", "b")] {
                _ = try await metadata.createPlacement(Self.placement(org: org, dataset: dataset))
            }
            let all = try await metadata.placements()
            #expect(Set(all.map { "\($0.org)|\($0.dataset)" }) == ["acme|docs", "acme|api", "a/b|d", "a|b"])
            #expect(try await metadata.placement(org: "a/b", dataset: "d")?.org == "a/b")
            #expect(try await metadata.placement(org: "a", dataset: "b")?.org == "a")
            #expect(try await metadata.members().isEmpty)
        }
    }

    @Test("An endpoint that refuses connections is unreachable at once; the next endpoint answers")
    func unreachableEndpoint() async throws {
        let dead = "http://127.0.0.1:\(try freeLoopbackPort())"
        // A deadline far beyond a refused connection's few milliseconds: the call must
        // fail on the refusal itself, not wait for the deadline.
        let client = EtcdClient(endpoints: [dead], timeout: .seconds(30))
        let started = ContinuousClock.now
        do {
            _ = try await client.get("/anything")
            Issue.record("a get on a dead endpoint succeeded")
        } catch {
            guard case .unreachable(let detail) = error else {
                Issue.record("expected .unreachable, got \(error)")
                return
            }
            #expect(detail.contains(dead))
        }
        #expect(ContinuousClock.now - started < .seconds(30))

        try await withEtcd { etcd in
            let failover = EtcdClient(endpoints: [dead, etcd.url])
            try await failover.put("/t/x", value: Note(text: "x", count: 1))
            #expect(try await failover.get("/t/x")?.decode(Note.self).text == "x")
        }
    }
}

/// How values are stored: the same value always has the same bytes, read back or not.
@Suite("etcd values")
struct EtcdValueTests {
    @Test("A placement read back encodes to the bytes it was read from, dates included")
    func stableEncoding() throws {
        var generator = SplitMix64(seed: 0xE7CD)
        for _ in 0..<2000 {
            let seconds = Double.random(in: -2_000_000_000...4_000_000_000, using: &generator)
            var placement = EtcdMetadataTests.placement()
            placement.createdAt = Date(timeIntervalSince1970: seconds)
            let stored = try EtcdClient.encode(placement)
            let readBack = try EtcdClient.decode(Placement.self, from: stored)
            #expect(try EtcdClient.encode(readBack) == stored, "\(String(decoding: stored, as: UTF8.self))")
            // Rounded to the millisecond: half of one, plus what a Double cannot hold of
            // microseconds at 4·10⁹ seconds (a fresh-clone CI run saw 0.0005002).
            #expect(abs(readBack.createdAt.timeIntervalSince(placement.createdAt)) <= 0.0005 + 2e-6)
        }
        let text = String(decoding: try EtcdClient.encode(["at": Date(timeIntervalSince1970: 1_796_047_926.1234)]), as: UTF8.self)
        #expect(text == #"{"at":"2026-11-30T14:12:06.123Z"}"#)
        #expect(throws: EtcdError.self) { try EtcdClient.decode([String: Date].self, from: Data(#"{"at":"yesterday"}"#.utf8)) }
    }
}
