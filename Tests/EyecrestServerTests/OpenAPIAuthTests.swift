import Foundation
import Testing

@testable import EyecrestServer

/// The OpenAPI document describes authentication as the middleware enforces it.
@Suite("OpenAPI authentication")
struct OpenAPIAuthTests {
    @Test func bearerSchemeOpenRoutesAnd401s() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        let components = try #require(document["components"] as? [String: Any])
        let schemes = components["securitySchemes"] as? [String: [String: Any]]
        #expect(schemes?["bearerAuth"]?["type"] as? String == "http")
        #expect(schemes?["bearerAuth"]?["scheme"] as? String == "bearer")
        #expect((document["security"] as? [[String: [String]]]) == [["bearerAuth": []]])

        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch"]
        var open: Set<String> = []
        for (path, item) in paths {
            for (method, value) in item where methods.contains(method) {
                let operation = value as? [String: Any] ?? [:]
                let responses = operation["responses"] as? [String: Any] ?? [:]
                if let security = operation["security"] as? [Any], security.isEmpty {
                    open.insert(path)
                    #expect(responses["401"] == nil, "\(method) \(path)")
                } else {
                    #expect(responses["401"] != nil, "\(method) \(path) does not document 401")
                }
            }
        }
        #expect(open == AuthMiddleware.openPaths)

        let error = (components["schemas"] as? [String: Any])?["Error"] as? [String: Any]
        let codes = ((error?["properties"] as? [String: Any])?["code"] as? [String: Any])?["enum"] as? [String] ?? []
        for code in AuthFailure.allCodes { #expect(codes.contains(code), "\(code)") }
    }
}
