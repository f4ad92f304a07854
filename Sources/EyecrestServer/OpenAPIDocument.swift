/// The OpenAPI 3.1 document of the API: the one source of truth for routes, parameters,
/// bodies and errors. Kept as a literal rather than a bundle resource so that a copied
/// binary still serves it. `OpenAPITests` checks that its (method, path) pairs are exactly
/// the routes the router serves; edit both together.
enum OpenAPIDocument {
    /// The document with the default limits (what the tests read).
    static let json = json(for: RequestLimits())

    /// The document with `limits` written into the schemas' maxima, so that a client (or
    /// a fuzzer) reading it learns what this server accepts.
    static func json(for limits: RequestLimits) -> String {
        #"""
{
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
    {
      "url": "http://127.0.0.1:7400"
    }
  ],
  "tags": [
    {
      "name": "datasets"
    },
    {
      "name": "files"
    },
    {
      "name": "search"
    },
    {
      "name": "service"
    },
    {
      "name": "mcp",
      "description": "Model Context Protocol for AI agents (docs/api.md, MCP)."
    }
  ],
  "paths": {
    "/health": {
      "get": {
        "operationId": "health",
        "summary": "Liveness and readiness",
        "tags": [
          "service"
        ],
        "responses": {
          "200": {
            "description": "The server is ready.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          }
        },
        "security": []
      }
    },
    "/metrics": {
      "get": {
        "operationId": "metrics",
        "summary": "Prometheus metrics (text exposition format)",
        "tags": [
          "service"
        ],
        "responses": {
          "200": {
            "description": "Metrics.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        },
        "security": []
      }
    },
    "/mcp": {
      "post": {
        "operationId": "mcp",
        "summary": "Model Context Protocol (streamable HTTP, stateless)",
        "tags": [
          "mcp"
        ],
        "description": "One JSON-RPC 2.0 message per request, answered in one JSON body: `initialize`, `ping`, `tools/list`, `tools/call` with the tools `search`, `read_file`, `list_datasets` and `list_files`, scoped to the token's org. No session id is issued and no SSE stream is offered: `GET` and `DELETE /mcp` answer 405. A browser `Origin` must be one the server allows (`--mcp-allowed-origin`; loopback pages by default). Errors of the message itself (unknown method -32601, invalid params -32602, a failing tool as a result with `isError`) come in a 200 answer; errors of the HTTP request come with the status below and a JSON-RPC error body with `id: null`.",
        "requestBody": {
          "required": true,
          "description": "One JSON-RPC message (a request, a notification, or a response); at most 1 MiB, or the body limit when lower.",
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/JSONRPCMessage"
              }
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
          "200": {
            "description": "The answer to a request: `result`, or a JSON-RPC `error` (-32601 unknown method, -32602 invalid params such as an unknown tool). A tool that could not run (an unknown dataset or file, a bad argument) answers a `result` with `isError: true` and a message.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/JSONRPCResponse"
                }
              }
            }
          },
          "202": {
            "description": "A notification or a response was accepted; no body."
          },
          "400": {
            "$ref": "#/components/responses/JSONRPCBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/JSONRPCForbiddenOrigin"
          },
          "406": {
            "$ref": "#/components/responses/JSONRPCNotAcceptable"
          },
          "413": {
            "$ref": "#/components/responses/JSONRPCTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/JSONRPCUnsupportedMediaType"
          },
          "500": {
            "description": "A bug; the server log has the details.",
            "content": {
              "application/json": {
                "schema": {
                  "anyOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "$ref": "#/components/schemas/JSONRPCResponse"
                    }
                  ]
                }
              }
            }
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "openapi",
        "summary": "This document",
        "tags": [
          "service"
        ],
        "responses": {
          "200": {
            "description": "The OpenAPI 3.1 document.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          }
        },
        "security": []
      }
    },
    "/v1/datasets": {
      "get": {
        "operationId": "listDatasets",
        "summary": "List the caller's datasets",
        "tags": [
          "datasets"
        ],
        "responses": {
          "200": {
            "description": "The datasets.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DatasetList"
                }
              }
            }
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/v1/datasets/{datasetId}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/datasetId"
        }
      ],
      "post": {
        "operationId": "createDataset",
        "summary": "Create a dataset (idempotent)",
        "tags": [
          "datasets"
        ],
        "description": "Creates the dataset, or returns it if it exists. Without `shards` an existing dataset keeps its shard count; a different shard count is a 409. Regions are accepted and echoed; this node is single-region.",
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateDatasetRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The dataset already existed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Dataset"
                }
              }
            }
          },
          "201": {
            "description": "The dataset was created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Dataset"
                }
              }
            }
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      },
      "get": {
        "operationId": "getDataset",
        "summary": "A dataset's configuration and stats",
        "tags": [
          "datasets"
        ],
        "responses": {
          "200": {
            "description": "The dataset with `stats`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Dataset"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      },
      "delete": {
        "operationId": "deleteDataset",
        "summary": "Delete a dataset and all its files",
        "tags": [
          "datasets"
        ],
        "responses": {
          "200": {
            "description": "Deleted.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DeletedDataset"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/v1/datasets/{datasetId}/size": {
      "get": {
        "operationId": "datasetSize",
        "summary": "Sizes and counts",
        "tags": [
          "datasets"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/datasetId"
          }
        ],
        "responses": {
          "200": {
            "description": "Sizes.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DatasetSize"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/v1/datasets/{datasetId}/files": {
      "parameters": [
        {
          "$ref": "#/components/parameters/datasetId"
        }
      ],
      "put": {
        "operationId": "upsertFiles",
        "summary": "Insert or replace a batch of files",
        "tags": [
          "files"
        ],
        "description": "The whole batch is validated before anything is written: one bad file rejects the batch with nothing stored.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/UpsertFilesRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Per-file results, in request order.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UpsertFilesResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      },
      "delete": {
        "operationId": "deleteFiles",
        "summary": "Delete files by name",
        "tags": [
          "files"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DeleteFilesRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Which names existed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DeleteFilesResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      },
      "get": {
        "operationId": "listFiles",
        "summary": "List files in filename order",
        "tags": [
          "files"
        ],
        "parameters": [
          {
            "name": "prefix",
            "in": "query",
            "required": false,
            "description": "Only files whose name starts with this.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "The `nextCursor` of the previous page.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "Files per page.",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 1000,
              "default": 100
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of files.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FileList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/v1/datasets/{datasetId}/files/{path}": {
      "get": {
        "operationId": "getFile",
        "summary": "Read one file",
        "tags": [
          "files"
        ],
        "description": "`path` is the filename; it may contain `/`. Percent-encode each component (spaces, non-ASCII).",
        "parameters": [
          {
            "$ref": "#/components/parameters/datasetId"
          },
          {
            "name": "path",
            "in": "path",
            "required": true,
            "description": "The filename, `/`-separated, each component percent-encoded.",
            "example": "guide/install.md",
            "schema": {
              "type": "string",
              "minLength": 1
            }
          },
          {
            "name": "start",
            "in": "query",
            "required": false,
            "description": "First line (1-based, inclusive).",
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          },
          {
            "name": "end",
            "in": "query",
            "required": false,
            "description": "Last line (1-based, inclusive); not before `start`.",
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          },
          {
            "name": "showLineNumbers",
            "in": "query",
            "required": false,
            "description": "Prefix each line with its number.",
            "schema": {
              "type": "boolean",
              "default": false
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The file (content sliced when asked).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/File"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/v1/datasets/{datasetId}/import/tar": {
      "parameters": [
        {
          "$ref": "#/components/parameters/datasetId"
        }
      ],
      "post": {
        "operationId": "importTar",
        "summary": "Import the markdown of a .tar.gz (sent, or fetched from a URL)",
        "tags": [
          "files"
        ],
        "description": "Either the archive itself as the body (`application/gzip`, `application/x-gzip` or `application/octet-stream`; options in the query), or JSON `{url, path?, metadata?}` naming an http(s) URL the server fetches. The archive is read as a stream. A single top-level folder (GitHub's `repo-main/`) is removed from every name; `path` then keeps one folder and is removed too. Only `.md`, `.mdx` and `.markdown` files are imported (hidden files and folders and `node_modules` ignored); links, devices, binary or non-UTF-8 files, files over \#(limits.maxFileBytes) bytes and unsafe or invalid names are skipped and counted. All or nothing: a damaged or truncated archive, a limit or a failed fetch stores no file. Limits: \#(limits.maxArchiveBytes) bytes compressed, \#(limits.maxArchiveUncompressedBytes) bytes uncompressed, \#(limits.maxArchiveEntries) entries, \#(limits.maxArchiveEntryBytes) bytes per entry.",
        "parameters": [
          {
            "name": "path",
            "in": "query",
            "required": false,
            "description": "Binary body only: import just this folder of the archive (relative to its top-level folder), named relative to it. JSON bodies carry it as a field.",
            "schema": {
              "type": "string",
              "maxLength": 500
            }
          },
          {
            "name": "metadata",
            "in": "query",
            "required": false,
            "description": "Binary body only: a JSON object (as text) set as every imported file's metadata.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/gzip": {
              "schema": {
                "type": "string",
                "format": "binary",
                "contentMediaType": "application/gzip"
              }
            },
            "application/x-gzip": {
              "schema": {
                "type": "string",
                "format": "binary",
                "contentMediaType": "application/x-gzip"
              }
            },
            "application/octet-stream": {
              "schema": {
                "type": "string",
                "format": "binary"
              }
            },
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ImportURLRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "What the import did.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ImportResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ImportBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ImportTooLarge"
          },
          "415": {
            "description": "unsupported_media_type: the body is neither an archive (application/gzip, application/x-gzip, application/octet-stream) nor JSON.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        }
      }
    },
    "/v1/datasets/{datasetId}/import/github": {
      "parameters": [
        {
          "$ref": "#/components/parameters/datasetId"
        }
      ],
      "post": {
        "operationId": "importGitHub",
        "summary": "Import the markdown of a GitHub branch",
        "tags": [
          "files"
        ],
        "description": "Fetches `{host}/{owner}/{repo}/tar.gz/refs/heads/{branch}` from the server's archive host (`--github-archive-host`, default https://codeload.github.com) and imports it as `import/tar` does: the repository's top-level folder removed, `path` selecting a folder, all or nothing.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ImportGitHubRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "What the import did.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ImportResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ImportBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "description": "dataset_not_found, or repository_not_found: the archive host has no such repository and branch (or it is private).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "$ref": "#/components/responses/ImportTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        }
      }
    },
    "/v1/datasets/{datasetId}/search": {
      "get": {
        "operationId": "search",
        "summary": "Search: ranked sections as JSON",
        "tags": [
          "search"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/datasetId"
          },
          {
            "$ref": "#/components/parameters/search_query"
          },
          {
            "$ref": "#/components/parameters/search_page"
          },
          {
            "$ref": "#/components/parameters/search_perPage"
          },
          {
            "$ref": "#/components/parameters/search_maxChunksPerFile"
          },
          {
            "$ref": "#/components/parameters/search_snippetLength"
          },
          {
            "$ref": "#/components/parameters/search_pathPrefix"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of hits.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SearchResponse"
                }
              }
            }
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/v1/datasets/{datasetId}/search.txt": {
      "get": {
        "operationId": "searchText",
        "summary": "Search: markdown for LLMs",
        "tags": [
          "search"
        ],
        "description": "Each hit: `## heading path`, a link `[file:start-end](/v1/datasets/{id}/files/{file}?start=A&end=B)`, the snippet; hits separated by `---`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/datasetId"
          },
          {
            "$ref": "#/components/parameters/search_query"
          },
          {
            "$ref": "#/components/parameters/search_page"
          },
          {
            "$ref": "#/components/parameters/search_perPage"
          },
          {
            "$ref": "#/components/parameters/search_maxChunksPerFile"
          },
          {
            "$ref": "#/components/parameters/search_snippetLength"
          },
          {
            "$ref": "#/components/parameters/search_pathPrefix"
          }
        ],
        "responses": {
          "200": {
            "description": "Hits as markdown.",
            "content": {
              "text/markdown": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "ImportURLRequest": {
        "type": "object",
        "required": [
          "url"
        ],
        "properties": {
          "url": {
            "type": "string",
            "description": "An absolute http or https URL of a .tar.gz. Redirects are followed (a few); the fetch has connect, read and total timeouts.",
            "maxLength": 8192
          },
          "path": {
            "type": "string",
            "description": "Import just this folder of the archive (relative to its top-level folder), named relative to it.",
            "maxLength": 500
          },
          "metadata": {
            "type": "object",
            "additionalProperties": true,
            "description": "Set as every imported file's metadata."
          }
        }
      },
      "ImportGitHubRequest": {
        "type": "object",
        "required": [
          "owner",
          "repo"
        ],
        "properties": {
          "owner": {
            "type": "string",
            "pattern": "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$"
          },
          "repo": {
            "type": "string",
            "pattern": "^[A-Za-z0-9._-]{1,100}$",
            "description": "Not `.` or `..`."
          },
          "branch": {
            "type": "string",
            "default": "main",
            "pattern": "^[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$",
            "maxLength": 255,
            "description": "No `..` and no `.lock` suffix."
          },
          "path": {
            "type": "string",
            "description": "Import just this folder of the repository (e.g. `docs`), named relative to it.",
            "maxLength": 500
          },
          "metadata": {
            "type": "object",
            "additionalProperties": true,
            "description": "Set as every imported file's metadata."
          }
        }
      },
      "ImportResponse": {
        "type": "object",
        "required": [
          "filesImported",
          "filesUnchanged",
          "filesSkipped",
          "totalSizeBytes",
          "skipped"
        ],
        "properties": {
          "filesImported": {
            "type": "integer",
            "minimum": 0,
            "description": "Files created or changed."
          },
          "filesUnchanged": {
            "type": "integer",
            "minimum": 0,
            "description": "Files already stored with the same content and metadata."
          },
          "filesSkipped": {
            "type": "integer",
            "minimum": 0,
            "description": "Markdown-named entries left out; the first 100 are listed in `skipped`."
          },
          "totalSizeBytes": {
            "type": "integer",
            "minimum": 0,
            "description": "Bytes of markdown in the imported and unchanged files."
          },
          "skipped": {
            "type": "array",
            "maxItems": 100,
            "items": {
              "type": "object",
              "required": [
                "path",
                "reason"
              ],
              "properties": {
                "path": {
                  "type": "string",
                  "description": "The entry's path inside the archive."
                },
                "reason": {
                  "type": "string",
                  "enum": [
                    "symlink",
                    "hard_link",
                    "special_file",
                    "unsafe_path",
                    "invalid_filename",
                    "binary",
                    "too_large"
                  ]
                }
              }
            }
          }
        }
      },
      "Error": {
        "type": "object",
        "required": [
          "error",
          "code"
        ],
        "properties": {
          "error": {
            "type": "string",
            "description": "A human-readable message."
          },
          "code": {
            "type": "string",
            "description": "A stable machine-readable code.",
            "enum": [
              "invalid_json",
              "invalid_field",
              "missing_field",
              "invalid_parameter",
              "missing_parameter",
              "invalid_dataset_id",
              "invalid_filename",
              "invalid_content",
              "invalid_argument",
              "unauthenticated",
              "malformed_token",
              "unsupported_algorithm",
              "unknown_key",
              "invalid_signature",
              "token_expired",
              "token_not_yet_valid",
              "missing_claim",
              "invalid_claim",
              "dataset_not_found",
              "file_not_found",
              "not_found",
              "method_not_allowed",
              "conflict",
              "payload_too_large",
              "too_many_files",
              "file_too_large",
              "query_too_long",
              "invalid_archive",
              "archive_too_large",
              "too_many_entries",
              "archive_entry_too_large",
              "fetch_failed",
              "fetch_timeout",
              "repository_not_found",
              "limit_exceeded",
              "unsupported_media_type",
              "bad_request",
              "storage_error",
              "internal_error"
            ]
          }
        }
      },
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
        "required": [
          "jsonrpc"
        ],
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
              "message": {
                "type": "string"
              },
              "data": {}
            }
          }
        }
      },
      "Health": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "type": "string",
            "const": "ok"
          }
        }
      },
      "CreateDatasetRequest": {
        "type": "object",
        "properties": {
          "shards": {
            "type": "integer",
            "minimum": 1,
            "maximum": 256,
            "description": "Default 1 for a new dataset."
          },
          "primaryRegion": {
            "type": "string"
          },
          "replicaRegions": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "maxItems": 32
          },
          "waitForReplication": {
            "type": "boolean"
          }
        }
      },
      "DatasetStats": {
        "type": "object",
        "required": [
          "files",
          "sections",
          "contentBytes",
          "diskBytes",
          "shardSequences"
        ],
        "properties": {
          "files": {
            "type": "integer"
          },
          "sections": {
            "type": "integer"
          },
          "contentBytes": {
            "type": "integer"
          },
          "diskBytes": {
            "type": "integer"
          },
          "shardSequences": {
            "type": "array",
            "items": {
              "type": "integer"
            },
            "description": "Highest operation-log sequence number per shard."
          }
        }
      },
      "Dataset": {
        "type": "object",
        "required": [
          "datasetId",
          "orgId",
          "shards",
          "primaryRegion",
          "replicaRegions",
          "createdAt"
        ],
        "properties": {
          "datasetId": {
            "type": "string"
          },
          "orgId": {
            "type": "string"
          },
          "shards": {
            "type": "integer"
          },
          "primaryRegion": {
            "type": "string"
          },
          "replicaRegions": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "createdAt": {
            "type": "string",
            "format": "date-time"
          },
          "created": {
            "type": "boolean",
            "description": "Only in the answer to a create."
          },
          "stats": {
            "$ref": "#/components/schemas/DatasetStats"
          }
        }
      },
      "DatasetList": {
        "type": "object",
        "required": [
          "datasets"
        ],
        "properties": {
          "datasets": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Dataset"
            }
          }
        }
      },
      "DeletedDataset": {
        "type": "object",
        "required": [
          "datasetId",
          "deleted"
        ],
        "properties": {
          "datasetId": {
            "type": "string"
          },
          "deleted": {
            "type": "boolean"
          }
        }
      },
      "DatasetSize": {
        "type": "object",
        "required": [
          "datasetId",
          "shards",
          "files",
          "sections",
          "contentBytes",
          "diskBytes"
        ],
        "properties": {
          "datasetId": {
            "type": "string"
          },
          "shards": {
            "type": "integer"
          },
          "files": {
            "type": "integer"
          },
          "sections": {
            "type": "integer"
          },
          "contentBytes": {
            "type": "integer"
          },
          "diskBytes": {
            "type": "integer"
          }
        }
      },
      "FileInput": {
        "type": "object",
        "required": [
          "filename",
          "content"
        ],
        "properties": {
          "filename": {
            "type": "string",
            "description": "A `/`-separated relative path, at most 500 bytes of UTF-8; no empty, `.` or `..` segment; no control characters."
          },
          "content": {
            "type": "string",
            "description": "At most \#(limits.maxFileBytes) bytes of UTF-8 (configurable; 8 MiB by default)."
          },
          "metadata": {
            "type": "object",
            "additionalProperties": true,
            "description": "Any JSON object, returned with the file and its hits."
          },
          "weight": {
            "type": "number",
            "minimum": 0.001,
            "maximum": 1000,
            "default": 1.0
          }
        }
      },
      "UpsertFilesRequest": {
        "type": "object",
        "required": [
          "files"
        ],
        "properties": {
          "files": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/FileInput"
            },
            "maxItems": \#(limits.maxFilesPerBatch)
          },
          "waitForReplication": {
            "type": "boolean"
          }
        }
      },
      "UpsertResult": {
        "type": "object",
        "required": [
          "filename",
          "status",
          "sha",
          "sections",
          "seq",
          "shard"
        ],
        "properties": {
          "filename": {
            "type": "string"
          },
          "status": {
            "type": "string",
            "enum": [
              "created",
              "updated",
              "unchanged"
            ]
          },
          "sha": {
            "type": "string",
            "description": "Git blob SHA-1 of the content."
          },
          "sections": {
            "type": "integer"
          },
          "seq": {
            "type": "integer"
          },
          "shard": {
            "type": "integer"
          }
        }
      },
      "UpsertFilesResponse": {
        "type": "object",
        "required": [
          "results",
          "created",
          "updated",
          "unchanged"
        ],
        "properties": {
          "results": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/UpsertResult"
            }
          },
          "created": {
            "type": "integer"
          },
          "updated": {
            "type": "integer"
          },
          "unchanged": {
            "type": "integer"
          }
        }
      },
      "DeleteFilesRequest": {
        "type": "object",
        "required": [
          "filenames"
        ],
        "properties": {
          "filenames": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "maxItems": \#(limits.maxFilesPerBatch)
          },
          "waitForReplication": {
            "type": "boolean"
          }
        }
      },
      "DeleteFilesResponse": {
        "type": "object",
        "required": [
          "deleted",
          "notFound"
        ],
        "properties": {
          "deleted": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "notFound": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "FileSummary": {
        "type": "object",
        "required": [
          "filename",
          "sha",
          "size",
          "weight",
          "sections"
        ],
        "properties": {
          "filename": {
            "type": "string"
          },
          "sha": {
            "type": "string"
          },
          "size": {
            "type": "integer"
          },
          "weight": {
            "type": "number"
          },
          "sections": {
            "type": "integer"
          },
          "title": {
            "type": "string"
          }
        }
      },
      "FileList": {
        "type": "object",
        "required": [
          "files"
        ],
        "properties": {
          "files": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/FileSummary"
            }
          },
          "nextCursor": {
            "type": "string",
            "description": "Absent on the last page."
          }
        }
      },
      "File": {
        "type": "object",
        "required": [
          "filename",
          "content",
          "sha",
          "weight",
          "sections",
          "seq"
        ],
        "properties": {
          "filename": {
            "type": "string"
          },
          "content": {
            "type": "string"
          },
          "sha": {
            "type": "string"
          },
          "metadata": {
            "type": "object",
            "additionalProperties": true
          },
          "weight": {
            "type": "number"
          },
          "title": {
            "type": "string"
          },
          "sections": {
            "type": "integer"
          },
          "seq": {
            "type": "integer"
          },
          "startLine": {
            "type": "integer",
            "description": "Set when `start` or `end` was given."
          },
          "endLine": {
            "type": "integer"
          }
        }
      },
      "Highlight": {
        "type": "object",
        "required": [
          "start",
          "end"
        ],
        "description": "`[start, end)` in UTF-16 code units of `snippet`.",
        "properties": {
          "start": {
            "type": "integer"
          },
          "end": {
            "type": "integer"
          }
        }
      },
      "SearchHit": {
        "type": "object",
        "required": [
          "filename",
          "slug",
          "part",
          "heading",
          "headingPath",
          "level",
          "startLine",
          "endLine",
          "score",
          "matchedTerms",
          "snippet",
          "highlights",
          "cleanedSnippet"
        ],
        "properties": {
          "filename": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "slug": {
            "type": "string"
          },
          "part": {
            "type": "integer"
          },
          "heading": {
            "type": "string"
          },
          "headingPath": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "level": {
            "type": "integer"
          },
          "startLine": {
            "type": "integer"
          },
          "endLine": {
            "type": "integer"
          },
          "score": {
            "type": "number"
          },
          "matchedTerms": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "snippet": {
            "type": "string"
          },
          "highlights": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Highlight"
            }
          },
          "cleanedSnippet": {
            "type": "string"
          },
          "metadata": {
            "type": "object",
            "additionalProperties": true
          }
        }
      },
      "SearchResponse": {
        "type": "object",
        "required": [
          "results",
          "page",
          "perPage",
          "hasNextPage",
          "relaxed",
          "terms"
        ],
        "properties": {
          "results": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SearchHit"
            }
          },
          "page": {
            "type": "integer"
          },
          "perPage": {
            "type": "integer"
          },
          "hasNextPage": {
            "type": "boolean"
          },
          "relaxed": {
            "type": "boolean"
          },
          "terms": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      }
    },
    "parameters": {
      "datasetId": {
        "name": "datasetId",
        "in": "path",
        "required": true,
        "description": "1-400 characters of A-Z a-z 0-9 _ -.",
        "example": "docs",
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9_-]{1,400}$"
        }
      },
      "search_query": {
        "name": "query",
        "in": "query",
        "required": true,
        "description": "The query: words, \"phrases\", OR, NOT/-word, prefix*, parentheses. At most \#(limits.maxQueryBytes) bytes (413 query_too_long beyond).",
        "example": "install linux",
        "schema": {
          "type": "string",
          "maxLength": \#(limits.maxQueryBytes)
        }
      },
      "search_page": {
        "name": "page",
        "in": "query",
        "required": false,
        "description": "Zero-based page.",
        "schema": {
          "type": "integer",
          "minimum": 0,
          "maximum": \#(limits.maxPage),
          "default": 0
        }
      },
      "search_perPage": {
        "name": "perPage",
        "in": "query",
        "required": false,
        "description": "Hits per page.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": \#(limits.maxPerPage),
          "default": 20
        }
      },
      "search_maxChunksPerFile": {
        "name": "maxChunksPerFile",
        "in": "query",
        "required": false,
        "description": "No file contributes more sections than this.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100,
          "default": 5
        }
      },
      "search_snippetLength": {
        "name": "snippetLength",
        "in": "query",
        "required": false,
        "description": "About how many characters each snippet holds.",
        "schema": {
          "type": "integer",
          "minimum": 20,
          "maximum": \#(limits.maxSnippetLength),
          "default": 300
        }
      },
      "search_pathPrefix": {
        "name": "pathPrefix",
        "in": "query",
        "required": false,
        "description": "Only files whose name starts with this.",
        "schema": {
          "type": "string"
        }
      }
    },
    "responses": {
      "JSONRPCBadRequest": {
        "description": "The body is not one JSON-RPC message (-32700 not JSON; -32600 not an object, a batch, `jsonrpc` not \"2.0\", an `id` that is not a string or an integer), or the `MCP-Protocol-Version` header names an unsupported version.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/JSONRPCResponse"
            }
          }
        }
      },
      "JSONRPCForbiddenOrigin": {
        "description": "A browser `Origin` the server does not allow (`--mcp-allowed-origin`).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/JSONRPCResponse"
            }
          }
        }
      },
      "JSONRPCNotAcceptable": {
        "description": "`Accept` rules out application/json.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/JSONRPCResponse"
            }
          }
        }
      },
      "JSONRPCTooLarge": {
        "description": "The body is over 1 MiB (or the body limit when lower).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/JSONRPCResponse"
            }
          }
        }
      },
      "JSONRPCUnsupportedMediaType": {
        "description": "The body was not sent as `Content-Type: application/json`.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/JSONRPCResponse"
            }
          }
        }
      },
      "ImportBadRequest": {
        "description": "invalid_archive (not gzip, damaged, truncated, not a tar), fetch_failed (the URL could not be fetched: connection, an answer other than 2xx, too many redirects), fetch_timeout, or bad input: invalid_json, invalid_field, missing_field, invalid_parameter, invalid_dataset_id.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "ImportTooLarge": {
        "description": "archive_too_large (over \#(limits.maxArchiveBytes) bytes compressed or \#(limits.maxArchiveUncompressedBytes) bytes uncompressed), too_many_entries (over \#(limits.maxArchiveEntries)), archive_entry_too_large (an entry over \#(limits.maxArchiveEntryBytes) bytes), payload_too_large (a JSON body over \#(limits.maxBodyBytes) bytes). Nothing is imported.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "BadRequest": {
        "description": "Bad input: invalid_json, invalid_field, missing_field, invalid_parameter, missing_parameter, invalid_dataset_id, invalid_filename, invalid_content, invalid_argument.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "NotFound": {
        "description": "dataset_not_found, file_not_found or not_found (no such route). A known path with another method answers 405 method_not_allowed with an Allow header.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Conflict": {
        "description": "conflict: the request contradicts the stored state (another shard count).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "TooLarge": {
        "description": "payload_too_large (body over \#(limits.maxBodyBytes) bytes), too_many_files (over \#(limits.maxFilesPerBatch) per request), file_too_large (a file over \#(limits.maxFileBytes) bytes), query_too_long (query over \#(limits.maxQueryBytes) bytes). The limits are the server's configuration.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "UnsupportedMediaType": {
        "description": "unsupported_media_type: a body not sent as application/json.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "InternalError": {
        "description": "internal_error or storage_error: a bug or a storage failure; the server log has the details.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Unauthorized": {
        "description": "The bearer token is missing or refused: unauthenticated (no Authorization header), malformed_token, unsupported_algorithm (alg none, HMAC, or not the key's algorithm), unknown_key (kid), invalid_signature, token_expired, token_not_yet_valid, missing_claim (orgId or exp), invalid_claim. Only on a server with keys configured.",
        "headers": {
          "WWW-Authenticate": {
            "description": "`Bearer realm=\"eyecrest\", error=\"invalid_token\"`",
            "schema": {
              "type": "string"
            }
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "A JWT signed with RS256, ES256 or EdDSA by a key whose public half the server was given (`eyecrest serve --auth-public-key`). Claims: `orgId` (required, the tenant), `exp` (required), `nbf` (optional); both times are checked with 30 s of leeway. `kid` in the header selects the key; without it every key of the token's algorithm is tried."
      }
    }
  },
  "security": [
    {
      "bearerAuth": []
    }
  ]
}
"""#
    }
}
