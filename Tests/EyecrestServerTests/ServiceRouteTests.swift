import Foundation
import HummingbirdTesting
import Testing

@testable import EyecrestServer

@Suite("Health, metrics, request ids")
struct ServiceRouteTests {
    @Test func healthAnswers200() async throws {
        try await withTestServer { client in
            let result = try await client.call(.get, "/health")
            #expect(result.status == .ok)
            #expect(result["status"] as? String == "ok")
        }
    }

    @Test func requestIDsAreEchoedOrGenerated() async throws {
        let header = try #require(RequestLogMiddleware.header)
        try await withTestServer { client in
            let generated = try await client.call(.get, "/health")
            #expect(generated.headers[header]?.count == 16)
            let given = try await client.executeRequest(
                uri: "/v1/datasets/missing", method: .get, headers: [header: "abc-123"], body: nil)
            #expect(given.headers[header] == "abc-123")
            let hostile = try await client.executeRequest(
                uri: "/health", method: .get, headers: [header: "bad id\u{7F}"], body: nil)
            #expect(hostile.headers[header] != "bad id\u{7F}")
        }
    }

    @Test func metricsAreInPrometheusFormat() async throws {
        try await withTestServer { client in
            try await client.seed("d", [("a.md", "# A\n\nalpha beta\n")])
            _ = try await client.call(.get, "/v1/datasets/d/search?query=alpha")
            _ = try await client.call(.get, "/v1/datasets/d/search?perPage=0")
            _ = try await client.call(.get, "/v1/datasets/d")
            let result = try await client.call(.get, "/metrics")
            #expect(result.status == .ok)
            #expect(result.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = result.text
            #expect(text.contains(#"eyecrest_http_requests_total{route="/v1/datasets/{datasetId}/search",method="GET",status="200"} 1"#), "\(text)")
            #expect(text.contains(#"eyecrest_http_requests_total{route="/v1/datasets/{datasetId}/search",method="GET",status="400"} 1"#), "\(text)")
            #expect(text.contains("eyecrest_http_request_duration_seconds_bucket"))
            #expect(text.contains("eyecrest_search_duration_seconds_count 1"), "\(text)")
            #expect(text.contains(#"eyecrest_dataset_files{org="local",dataset="d"} 1"#), "\(text)")
            #expect(text.contains(#"eyecrest_dataset_sections{org="local",dataset="d"}"#))
        }
    }
}
