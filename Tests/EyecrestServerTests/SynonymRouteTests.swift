import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// `GET`/`PUT`/`DELETE /v1/datasets/{id}/synonyms` (docs/api.md, "Synonyms").
@Suite("Synonym routes")
struct SynonymRouteTests {
    @Test func rulesAreStoredShownAppliedAndCleared() async throws {
        try await withTestServer { client in
            try await client.seed("d", [("k8s.md", "# Cluster\n\nOur k8s cluster.\n"), ("kube.md", "# Kubernetes\n\nKubernetes runs pods.\n")])
            let empty = try await client.call(.get, "/v1/datasets/d/synonyms")
            #expect(empty.status == .ok && (empty["groups"] as? [Any])?.isEmpty == true && (empty["oneWay"] as? [Any])?.isEmpty == true, "\(empty.text)")

            let body = #"{"groups": [["k8s", "kubernetes"]], "oneWay": [{"word": "kube", "synonyms": ["kubernetes"]}]}"#
            let stored = try await client.call(.put, "/v1/datasets/d/synonyms", body: body)
            #expect(stored.status == .ok, "\(stored.text)")
            #expect(stored["groups"] as? [[String]] == [["k8s", "kubernetes"]], "\(stored.text)")
            let shown = try await client.call(.get, "/v1/datasets/d/synonyms")
            #expect(shown.text == stored.text)
            let found = try await client.call(.get, "/v1/datasets/d/search?query=k8s")
            #expect((found["results"] as? [[String: Any]])?.compactMap { $0["filename"] as? String }.sorted() == ["k8s.md", "kube.md"], "\(found.text)")

            let cleared = try await client.call(.delete, "/v1/datasets/d/synonyms")
            #expect(cleared.status == .ok && (cleared["groups"] as? [Any])?.isEmpty == true)
            let plain = try await client.call(.get, "/v1/datasets/d/search?query=k8s")
            #expect((plain["results"] as? [Any])?.count == 1, "\(plain.text)")
            #expect(try await client.call(.put, "/v1/datasets/d/synonyms", body: "{}").status == .ok, "{} is no rules")
        }
    }

    @Test func badRulesAreRefusedWithCodes() async throws {
        try await withTestServer { client in
            try await client.seed("d", [("a.md", "# A\n\nalpha\n")])
            let cases: [(String, HTTPResponse.Status, String)] = [
                (#"{"groups": [["alone"]]}"#, .badRequest, "invalid_argument"),
                (#"{"groups": [["two words", "x"]]}"#, .badRequest, "invalid_argument"),
                (#"{"oneWay": [{"word": "", "synonyms": ["x"]}]}"#, .badRequest, "invalid_argument"),
                (#"{"oneWay": [{"word": "x"}]}"#, .badRequest, "missing_field"),
                (#"{"groups": "k8s"}"#, .badRequest, "invalid_field"),
                ("[1, 2]", .badRequest, "invalid_json"),
                (#"{"groups": [["x", "\#(String(repeating: "y", count: 101))"]]}"#, .contentTooLarge, "limit_exceeded"),
            ]
            for (body, status, code) in cases {
                expectError(try await client.call(.put, "/v1/datasets/d/synonyms", body: body), status, code)
            }
            let many = try jsonText(["groups": (0..<1_001).map { ["a\($0)", "b\($0)"] }])
            expectError(try await client.call(.put, "/v1/datasets/d/synonyms", body: many), .contentTooLarge, "limit_exceeded")
            #expect((try await client.call(.get, "/v1/datasets/d/synonyms")["groups"] as? [Any])?.isEmpty == true, "nothing stored")
            expectError(try await client.call(.put, "/v1/datasets/none/synonyms", body: "{}"), .notFound, "dataset_not_found")
            expectError(try await client.call(.get, "/v1/datasets/b.d/synonyms"), .badRequest, "invalid_dataset_id")
        }
    }
}
