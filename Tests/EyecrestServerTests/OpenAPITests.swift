import Foundation
import HummingbirdTesting
import Testing

@testable import EyecrestServer

@Suite("OpenAPI document")
struct OpenAPITests {
    /// The (method, path) pairs of the document.
    static func documentedRoutes(_ data: Data) throws -> Set<APIRoute> {
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        return Set(paths.flatMap { path, item in item.keys.filter(methods.contains).map { APIRoute(method: $0.uppercased(), path: path) } })
    }

    @Test func documentDescribesExactlyTheRoutesTheRouterServes() async throws {
        try await withTemporaryDirectory { directory in
            let services = ServerServices(
                engine: try .init(dataDirectory: directory), metrics: ServerMetrics(), configuration: ServerConfiguration(dataDirectory: directory))
            let served = Routes.build(services: services).routes
            #expect(served.count == Set(served).count, "a route is registered twice")
            let documented = try Self.documentedRoutes(Data(OpenAPIDocument.json.utf8))
            #expect(Set(served) == documented, "served but undocumented: \(Set(served).subtracting(documented)); documented but not served: \(documented.subtracting(served))")
        }
    }

    @Test func servedDocumentIsOpenAPI31WithErrorShapes() async throws {
        try await withTestServer { client in
            let result = try await client.call(.get, "/openapi.json")
            #expect(result.status == .ok)
            #expect(result["openapi"] as? String == "3.1.0")
            let components = result["components"] as? [String: Any]
            let schemas = components?["schemas"] as? [String: Any]
            let error = schemas?["Error"] as? [String: Any]
            #expect(error?["required"] as? [String] == ["error", "code"])
            // Every documented code the tests meet is in the enum.
            let codes = ((error?["properties"] as? [String: Any])?["code"] as? [String: Any])?["enum"] as? [String] ?? []
            for code in ["invalid_json", "unsupported_media_type", "payload_too_large", "dataset_not_found", "invalid_parameter", "missing_field"] {
                #expect(codes.contains(code))
            }
        }
    }

    /// A client or fuzzer reading the document learns this server's limits, not the defaults.
    @Test func servedDocumentCarriesTheConfiguredLimits() async throws {
        try await withTestServer(configure: {
            $0.limits.maxPerPage = 7
            $0.limits.maxQueryBytes = 99
            $0.limits.maxFilesPerBatch = 12
        }) { client in
            let result = try await client.call(.get, "/openapi.json")
            let parameters = (result["components"] as? [String: Any])?["parameters"] as? [String: [String: Any]]
            func schema(_ name: String) -> [String: Any]? { parameters?[name]?["schema"] as? [String: Any] }
            #expect(schema("search_perPage")?["maximum"] as? Int == 7)
            #expect(schema("search_query")?["maxLength"] as? Int == 99)
            #expect(schema("search_page")?["maximum"] as? Int == RequestLimits().maxPage)
            let schemas = (result["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]]
            let files = (schemas?["UpsertFilesRequest"]?["properties"] as? [String: Any])?["files"] as? [String: Any]
            #expect(files?["maxItems"] as? Int == 12)
        }
    }
}
