import Foundation
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// `POST /v1/datasets/{id}` with another shard count, watched through the dataset view
/// and `/metrics`, on the Rust book's chapters.
@Suite("Resharding routes")
struct ReshardRouteTests {
    @Test("Another shard count answers 202 with the progress, the view shows it, and the dataset ends with the new count")
    func reshardIsStartedWatchedAndFinished() async throws {
        try await withTemporaryDirectory { directory in
            let chapters = try rustBookChapters(in: directory)
            try await withTestServer { client in
                try await client.seed("book", chapters)
                let started = try await client.call(.post, "/v1/datasets/book", body: #"{"shards": 3}"#)
                #expect(started.status == .accepted, "\(started.text)")
                #expect(started["shards"] as? Int == 1)
                let resharding = try #require(started["resharding"] as? [String: Any])
                #expect(resharding["from"] as? Int == 1 && resharding["to"] as? Int == 3)
                #expect(resharding["filesToMove"] as? Int == chapters.count)
                #expect(["copying", "switching"].contains(resharding["phase"] as? String))
                #expect((resharding["jobs"] as? [[String: Any]])?.count == 1)
                #expect(resharding["startedAt"] is String)

                var view = try await client.call(.get, "/v1/datasets/book")
                let deadline = ContinuousClock.now + .seconds(120)
                while view["resharding"] != nil, ContinuousClock.now < deadline {
                    let progress = view["resharding"] as? [String: Any]
                    #expect((progress?["filesMoved"] as? Int ?? 0) <= chapters.count)
                    try await Task.sleep(for: .milliseconds(50))
                    view = try await client.call(.get, "/v1/datasets/book")
                }
                #expect(view["resharding"] == nil)
                #expect(view["shards"] as? Int == 3)
                #expect((view["stats"] as? [String: Any])?["files"] as? Int == chapters.count)
                #expect((view["stats"] as? [String: Any])?["shardSequences"] as? [Int] != nil)

                let (name, content) = chapters[5]
                let file = try await client.call(.get, "/v1/datasets/book/files/\(name)")
                #expect(file["content"] as? String == content)
                let search = try await client.call(.get, "/v1/datasets/book/search?query=ownership&perPage=5")
                #expect((search["results"] as? [Any])?.isEmpty == false, "\(search.text)")

                let metrics = try await client.call(.get, "/metrics")
                #expect(metrics.text.contains("eyecrest_reshardings_running 0"))
                #expect(metrics.text.contains(#"eyecrest_resharding_files_to_move{org="local",dataset="book"} 0"#) || !metrics.text.contains("eyecrest_resharding_files_to_move{"))

                // The count it has now is a plain 200.
                let same = try await client.call(.post, "/v1/datasets/book", body: #"{"shards": 3}"#)
                #expect(same.status == .ok)
                #expect(same["resharding"] == nil)
            }
        }
    }

    @Test("Counts outside 1...256 or not integers change nothing")
    func badCounts() async throws {
        try await withTestServer { client in
            try await client.seed("d", [("a.md", "# A\n\nalpha\n")], shards: 2)
            for body in [#"{"shards": 0}"#, #"{"shards": 257}"#, #"{"shards": -3}"#] {
                let result = try await client.call(.post, "/v1/datasets/d", body: body)
                expectError(result, .badRequest, "invalid_argument")
            }
            for body in [#"{"shards": "four"}"#, #"{"shards": 2.5}"#, #"{"shards": null, "x": 1}"#] {
                let result = try await client.call(.post, "/v1/datasets/d", body: body)
                if body.contains("null") {
                    #expect(result.status == .ok)
                } else {
                    expectError(result, .badRequest, "invalid_field")
                }
            }
            let view = try await client.call(.get, "/v1/datasets/d")
            #expect(view["shards"] as? Int == 2)
            #expect(view["resharding"] == nil)
        }
    }
}
