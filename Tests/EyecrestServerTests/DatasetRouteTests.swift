import Foundation
import HummingbirdTesting
import Testing

@testable import EyecrestServer

@Suite("Dataset routes")
struct DatasetRouteTests {
    @Test func createIsIdempotentAndAnswers201ThenOK() async throws {
        try await withTestServer { client in
            let first = try await client.call(.post, "/v1/datasets/docs", body: #"{"shards": 2}"#)
            #expect(first.status == .created)
            #expect(first["datasetId"] as? String == "docs")
            #expect(first["shards"] as? Int == 2)
            #expect(first["created"] as? Bool == true)
            #expect(first["orgId"] as? String == "local")
            let again = try await client.call(.post, "/v1/datasets/docs")
            #expect(again.status == .ok)
            #expect(again["created"] as? Bool == false)
            #expect(again["shards"] as? Int == 2)
            // Another count reshards (ReshardRouteTests has the rest).
            let reshard = try await client.call(.post, "/v1/datasets/docs", body: #"{"shards": 3}"#)
            #expect(reshard.status == .accepted)
            #expect((reshard["resharding"] as? [String: Any])?["to"] as? Int == 3)
        }
    }

    @Test func regionsAreEchoed() async throws {
        try await withTestServer { client in
            let body = #"{"primaryRegion": "wnam", "replicaRegions": ["weur"], "waitForReplication": true}"#
            let result = try await client.call(.post, "/v1/datasets/r", body: body)
            #expect(result.status == .created)
            #expect(result["primaryRegion"] as? String == "wnam")
            #expect(result["replicaRegions"] as? [String] == ["weur"])
        }
    }

    /// The configured region is the one every answer names; a bad name stops the server.
    @Test func answersNameTheNodesRegion() async throws {
        try await withTestServer(configure: { $0.region = "eu-west_2" }) { client in
            try await client.seed("d", [("a.md", "# A\n\nalpha\n")])
            #expect(try await client.call(.get, "/v1/datasets/d")["region"] as? String == "eu-west_2")
            let list = try await client.call(.get, "/v1/datasets")
            #expect((list["datasets"] as? [[String: Any]])?.first?["region"] as? String == "eu-west_2")
            #expect(try await client.call(.get, "/v1/datasets/d/search?query=alpha")["region"] as? String == "eu-west_2")
            let forced = try await client.call(.get, "/v1/datasets/d/search?query=alpha", headers: ["x-force-region": "wnam"])
            expectError(forced, .misdirectedRequest, "region_unavailable")
            #expect(forced.error?.contains("eu-west_2") == true)
        }
        for bad in ["", "eu west", "wnam/1", String(repeating: "r", count: 65)] {
            #expect(throws: StartupError.self) { try ServerConfiguration(dataDirectory: URL(fileURLWithPath: "/tmp"), region: bad).validate() }
        }
    }

    @Test func listShowSizeDelete() async throws {
        try await withTestServer { client in
            try await client.seed("a", [("one.md", Fixtures.install)])
            try await client.seed("b", [("two.md", Fixtures.config)])
            let list = try await client.call(.get, "/v1/datasets")
            #expect(list.status == .ok)
            let ids = (list["datasets"] as? [[String: Any]])?.compactMap { $0["datasetId"] as? String }
            #expect(ids?.sorted() == ["a", "b"])

            let show = try await client.call(.get, "/v1/datasets/a")
            #expect(show.status == .ok)
            let stats = show["stats"] as? [String: Any]
            #expect(stats?["files"] as? Int == 1)
            #expect((stats?["sections"] as? Int ?? 0) >= 3)
            #expect(show["createdAt"] is String)
            #expect(show["region"] as? String == "local" && show["primaryRegion"] as? String == "local")

            let size = try await client.call(.get, "/v1/datasets/a/size")
            #expect(size.status == .ok)
            #expect(size["files"] as? Int == 1)
            #expect((size["diskBytes"] as? Int ?? 0) > 0)
            #expect((size["contentBytes"] as? Int ?? 0) == Fixtures.install.utf8.count)
            #expect(size["uploadedContentSizeBytes"] as? Int == Fixtures.install.utf8.count)
            #expect(size["fileCount"] as? Int == 1 && size["sectionCount"] as? Int == stats?["sections"] as? Int)
            #expect(size["totalSizeBytes"] as? Int == size["diskBytes"] as? Int)
            let breakdown = size["breakdown"] as? [String: Any]
            #expect(breakdown?["databaseSizeBytes"] as? Int == size["diskBytes"] as? Int)
            #expect(breakdown?["contentSizeBytes"] as? Int == Fixtures.install.utf8.count && breakdown?["metadataSizeBytes"] as? Int == 0)

            let deleted = try await client.call(.delete, "/v1/datasets/a")
            #expect(deleted.status == .ok)
            #expect(deleted["deleted"] as? Bool == true)
            expectError(try await client.call(.get, "/v1/datasets/a"), .notFound, "dataset_not_found")
            expectError(try await client.call(.delete, "/v1/datasets/a"), .notFound, "dataset_not_found")
            expectError(try await client.call(.get, "/v1/datasets/a/size"), .notFound, "dataset_not_found")
        }
    }

    @Test func badDatasetRequests() async throws {
        try await withTestServer { client in
            expectError(try await client.call(.post, "/v1/datasets/bad.id"), .badRequest, "invalid_dataset_id")
            expectError(try await client.call(.post, "/v1/datasets/bad%20id"), .badRequest, "invalid_dataset_id")
            expectError(try await client.call(.get, "/v1/datasets/\(String(repeating: "x", count: 401))"), .badRequest, "invalid_dataset_id")
            expectError(try await client.call(.post, "/v1/datasets/x", body: #"{"shards": 0}"#), .badRequest, "invalid_argument")
            expectError(try await client.call(.post, "/v1/datasets/x", body: #"{"shards": 999}"#), .badRequest, "invalid_argument")
            expectError(try await client.call(.post, "/v1/datasets/x", body: #"{"shards": "two"}"#), .badRequest, "invalid_field")
            expectError(try await client.call(.post, "/v1/datasets/x", body: #"{"shards": 1.5}"#), .badRequest, "invalid_field")
            expectError(try await client.call(.post, "/v1/datasets/x", body: #"{"replicaRegions": "weur"}"#), .badRequest, "invalid_field")
            expectError(try await client.call(.post, "/v1/datasets/x", body: #"{"shards": 1"#), .badRequest, "invalid_json")
            expectError(try await client.call(.post, "/v1/datasets/x", body: #"[1]"#), .badRequest, "invalid_json")
            expectError(
                try await client.call(.post, "/v1/datasets/x", body: #"{"shards": 1}"#, contentType: "text/plain"), .unsupportedMediaType,
                "unsupported_media_type")
            expectError(try await client.call(.post, "/v1/datasets/x", body: #"{"shards": 1}"#, contentType: nil), .unsupportedMediaType, "unsupported_media_type")
            expectError(try await client.call(.get, "/v1/datasets/missing"), .notFound, "dataset_not_found")
            // Nothing was created by any of the above.
            let list = try await client.call(.get, "/v1/datasets")
            #expect((list["datasets"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func unknownRouteAndMethod() async throws {
        try await withTestServer { client in
            expectError(try await client.call(.get, "/v2/nothing"), .notFound, "not_found")
            let wrongMethod = try await client.call(.patch, "/v1/datasets/x")
            expectError(wrongMethod, .methodNotAllowed, "method_not_allowed")
            #expect(wrongMethod.headers[.allow] == "POST, GET, DELETE")
            let wrongFileMethod = try await client.call(.post, "/v1/datasets/x/files/a/b.md", body: "{}")
            expectError(wrongFileMethod, .methodNotAllowed, "method_not_allowed")
            #expect(wrongFileMethod.headers[.allow] == "GET")
            expectError(try await client.call(.get, "/v1/datasets/x/nothing"), .notFound, "not_found")
        }
    }
}
