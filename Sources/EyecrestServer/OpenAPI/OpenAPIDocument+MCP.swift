extension OpenAPIDocument {
    /// The Model Context Protocol endpoint; its HTTP-level errors are JSON-RPC bodies.
    static func mcp(_ limits: RequestLimits) -> Section {
        Section(
            paths: #"""
    "/mcp": {
      "post": {
        "operationId": "mcp",
        "summary": "Model Context Protocol (streamable HTTP, stateless)",
        "tags": ["mcp"],
        "description": "One JSON-RPC 2.0 message per request, answered in one JSON body: `initialize`, `ping`, `tools/list`, `tools/call` with the tools `search`, `read_file`, `list_datasets` and `list_files`, scoped to the token's org. No session id is issued and no SSE stream is offered: `GET` and `DELETE /mcp` answer 405. A browser `Origin` must be one the server allows (`--mcp-allowed-origin`; loopback pages by default). Errors of the message itself (unknown method -32601, invalid params -32602, a failing tool as a result with `isError`) come in a 200 answer; errors of the HTTP request come with the status below and a JSON-RPC error body with `id: null`.",
        "requestBody": {
          "required": true,
          "description": "One JSON-RPC message (a request, a notification, or a response); at most 1 MiB, or the body limit when lower.",
          "content": {
            "application/json": {
              "schema": {"$ref": "#/components/schemas/JSONRPCMessage"}
            }
          }
        },
        "parameters": [
          {
            "name": "MCP-Protocol-Version",
            "in": "header",
            "required": false,
            "description": "The version `initialize` negotiated; an unsupported one is a 400.",
            "schema": {
              "type": "string",
              "example": "2025-06-18"
            }
          }
        ],
        "responses": {
          \#(Self.jsonResponse(200, "The answer to a request: `result`, or a JSON-RPC `error` (-32601 unknown method, -32602 invalid params such as an unknown tool). A tool that could not run (an unknown dataset or file, a bad argument) answers a `result` with `isError: true` and a message.", "JSONRPCResponse")),
          "202": {"description": "A notification or a response was accepted; no body."},
          "400": {"$ref": "#/components/responses/JSONRPCBadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "403": {"$ref": "#/components/responses/JSONRPCForbiddenOrigin"},
          "406": {"$ref": "#/components/responses/JSONRPCNotAcceptable"},
          "413": {"$ref": "#/components/responses/JSONRPCTooLarge"},
          "415": {"$ref": "#/components/responses/JSONRPCUnsupportedMediaType"},
          "500": {
            "description": "A bug; the server log has the details.",
            "content": {
              "application/json": {
                "schema": {
                  "anyOf": [
                    {"$ref": "#/components/schemas/Error"},
                    {"$ref": "#/components/schemas/JSONRPCResponse"}
                  ]
                }
              }
            }
          }
        }
      }
    }
"""#,
            schemas: #"""
      "JSONRPCMessage": {
        "type": "object",
        "description": "A JSON-RPC 2.0 message: a request has `id` (string or integer) and `method`, a notification `method` only; `params`, when present, is an object.",
        "properties": {
          "jsonrpc": {
            "type": "string",
            "const": "2.0"
          },
          "id": {
            "type": [
              "string",
              "integer"
            ]
          },
          "method": {
            "type": "string",
            "example": "tools/list"
          },
          "params": {
            "type": "object",
            "additionalProperties": true
          }
        },
        "additionalProperties": true
      },
      "JSONRPCResponse": {
        "type": "object",
        "required": ["jsonrpc"],
        "description": "A JSON-RPC 2.0 answer: `result` or `error`; `id` is the request's, or null when the request could not be read.",
        "properties": {
          "jsonrpc": {
            "type": "string",
            "const": "2.0"
          },
          "id": {
            "type": [
              "string",
              "integer",
              "null"
            ]
          },
          "result": {
            "type": "object",
            "additionalProperties": true
          },
          "error": {
            "type": "object",
            "required": [
              "code",
              "message"
            ],
            "properties": {
              "code": {
                "type": "integer",
                "description": "-32700 parse error, -32600 invalid request, -32601 unknown method, -32602 invalid params, -32603 internal error."
              },
              "message": {"type": "string"},
              "data": {}
            }
          }
        }
      }
"""#,
            responses: #"""
      "JSONRPCBadRequest": {
        "description": "The body is not one JSON-RPC message (-32700 not JSON; -32600 not an object, a batch, `jsonrpc` not \"2.0\", an `id` that is not a string or an integer), or the `MCP-Protocol-Version` header names an unsupported version.",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/JSONRPCResponse"}
          }
        }
      },
      "JSONRPCForbiddenOrigin": {
        "description": "A browser `Origin` the server does not allow (`--mcp-allowed-origin`).",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/JSONRPCResponse"}
          }
        }
      },
      "JSONRPCNotAcceptable": {
        "description": "`Accept` rules out application/json.",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/JSONRPCResponse"}
          }
        }
      },
      "JSONRPCTooLarge": {
        "description": "The body is over 1 MiB (or the body limit when lower).",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/JSONRPCResponse"}
          }
        }
      },
      "JSONRPCUnsupportedMediaType": {
        "description": "The body was not sent as `Content-Type: application/json`.",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/JSONRPCResponse"}
          }
        }
      }
"""#)
    }
}
