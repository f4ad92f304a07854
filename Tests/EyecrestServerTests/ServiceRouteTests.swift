import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import EyecrestEngine

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

@Suite("Health while datasets load")
struct HealthLoadingTests {
    @Test("While the datasets' indexes are built at start, /health says loading with a 503; then ok")
    func loadingThenOK() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eyecrest-health-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let writer = try Engine(dataDirectory: directory)
            for name in ["a", "b"] {
                try await writer.createDataset(org: "o", id: name)
                _ = try await writer.upsertFiles(org: "o", dataset: name, files: [FileUpload(filename: "x.md", content: Data("# X\n\nwords\n".utf8))])
            }
        }
        // A fresh engine on the same directory, as at a server's start: nothing is open yet.
        let engine = try Engine(dataDirectory: directory)
        #expect(engine.health.openShards == 0)
        let registrar = RouteRegistrar()
        HealthController(engine: engine).register(registrar)
        let router = Router(context: EyecrestRequestContext.self)
        registrar.install(on: router)
        let app = Application(router: router)
        try await app.test(.router) { client in
            engine.warming.withLock { $0 = WarmUpProgress(loaded: 1, total: 2) }
            let loading = try await client.call(.get, "/health")
            #expect(loading.status == .serviceUnavailable)
            #expect(loading["status"] as? String == "loading")
            #expect(loading["datasetsLoaded"] as? Int == 1 && loading["datasetsToLoad"] as? Int == 2)
            #expect(loading.headers[.retryAfter] == "1")
            engine.warming.withLock { $0 = nil }

            await engine.warmUp()
            let ready = try await client.call(.get, "/health")
            #expect(ready.status == .ok && ready["status"] as? String == "ok")
            #expect(ready["openShards"] as? Int == 2, "warm-up opened both datasets")
        }
    }
}
