/// The OpenAPI 3.1 document of the API. The schemas of request and response bodies are
/// derived from the wire types in `EyecrestAPI` (`OpenAPIDocument+Schemas.swift`); paths,
/// parameters and shared responses are written here as Swift literals (so that a copied
/// binary still serves the document), split by resource: each
/// `OpenAPIDocument+<Resource>.swift` holds that resource's paths and the components only it
/// uses. `OpenAPITests` checks that the document's (method, path) pairs are exactly the
/// routes the router serves, and that the derived schemas describe real answers.
enum OpenAPIDocument {
    /// One resource's part of the document: JSON object members (`"name": {…}`, comma
    /// separated) for each top-level map, empty when it adds none.
    struct Section {
        var paths = ""
        var schemas = ""
        var parameters = ""
        var responses = ""
    }

    /// The document with the default limits (what the tests read).
    static let json = json(for: RequestLimits())

    /// The document with `limits` written into the schemas' maxima, so that a client (or
    /// a fuzzer) reading it learns what this server accepts.
    static func json(for limits: RequestLimits, traffic: TrafficLimits = TrafficLimits()) -> String {
        let sections = [
            service(limits), mcp(limits), datasets(limits), files(limits), importing(limits), search(limits), synonyms(), errors(limits, traffic), schemas(limits),
        ]
        func members(_ part: KeyPath<Section, String>) -> String {
            "{\n" + sections.map { $0[keyPath: part] }.filter { !$0.isEmpty }.joined(separator: ",\n") + "\n}"
        }
        return "{\n" + header + ",\n" + traffic.openAPIExtension + ",\n  \"paths\": " + members(\.paths) + """
            ,
              "components": {
                "schemas": \(members(\.schemas)),
                "parameters": \(members(\.parameters)),
                "responses": \(members(\.responses)),
                "securitySchemes": {
            \(securitySchemes)
                }
              },
            \(security)
            }

            """
    }

    private static let header = #"""
  "openapi": "3.1.0",
  "info": {
    "title": "eyecrest",
    "version": "1.0.0",
    "description": "Full-text search for markdown. Every error is `{\"error\", \"code\"}` with the status below. Callers authenticate with `Authorization: Bearer <JWT>` (RS256, ES256 or EdDSA, verified against the server's configured public keys); the token's `orgId` claim is the tenant, and a dataset is visible only to its org. A server started without keys (the embedded, loopback-only default) accepts calls without a token as the org `local`. `/health`, `/openapi.json` and `/metrics` never need a token.",
    "license": {
      "name": "MIT",
      "identifier": "MIT"
    }
  },
  "servers": [
    {"url": "/", "description": "The server that served this document: paths are relative to where it was fetched."}
  ],
  "tags": [
    {"name": "datasets"},
    {"name": "files"},
    {"name": "search"},
    {"name": "service"},
    {
      "name": "mcp",
      "description": "Model Context Protocol for AI agents (docs/api.md, MCP)."
    }
  ]
"""#

    private static let securitySchemes = #"""
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "A JWT signed with RS256, ES256 or EdDSA by a key whose public half the server was given (`eyecrest serve --auth-public-key`). Claims: `orgId` (required, the tenant), `exp` (required), `nbf` (optional); both times are checked with 30 s of leeway. `kid` in the header selects the key; without it every key of the token's algorithm is tried."
      }
"""#

    private static let security = #"""
  "security": [
    {
      "bearerAuth": []
    }
  ]
"""#
}
