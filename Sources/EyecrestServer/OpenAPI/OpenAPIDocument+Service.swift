extension OpenAPIDocument {
    /// The routes every server answers without a token: health, metrics and this document.
    static func service(_ limits: RequestLimits) -> Section {
        Section(
            paths: #"""
    "/health": {
      "get": {
        "operationId": "health",
        "summary": "Liveness and readiness",
        "tags": ["service"],
        "responses": {
          \#(Self.jsonResponse(200, "The server is ready.", "Health")),
          \#(Self.jsonResponse(503, "loading: the server is building its datasets' indexes after a start (datasetsLoaded of datasetsToLoad); or degraded: it ran out of file descriptors, memory or disk within the last minute, and reason says which.", "Health"))
        },
        "security": []
      }
    },
    "/metrics": {
      "get": {
        "operationId": "metrics",
        "summary": "Prometheus metrics (text exposition format)",
        "tags": ["service"],
        "responses": {
          "200": {
            "description": "Metrics.",
            "content": {
              "text/plain": {
                "schema": {"type": "string"}
              }
            }
          }
        },
        "security": []
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "openapi",
        "summary": "This document",
        "tags": ["service"],
        "responses": {
          "200": {
            "description": "The OpenAPI 3.1 document.",
            "content": {
              "application/json": {
                "schema": {"type": "object"}
              }
            }
          }
        },
        "security": []
      }
    }
"""#)
    }
}
