/// The OpenAPI 3.1 document of the API: the one source of truth for routes, parameters,
/// bodies and errors. Kept as a literal rather than a bundle resource so that a copied
/// binary still serves it. `OpenAPITests` checks that its (method, path) pairs are exactly
/// the routes the router serves; edit both together.
enum OpenAPIDocument {
    static let json = #"""
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
            "schema": {
              "type": "string"
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
              "limit_exceeded",
              "unsupported_media_type",
              "bad_request",
              "storage_error",
              "internal_error"
            ]
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
            "description": "At most 8 MiB of UTF-8 (configurable)."
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
            "maxItems": 1000
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
            "maxItems": 1000
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
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9_-]{1,400}$"
        }
      },
      "search_query": {
        "name": "query",
        "in": "query",
        "required": true,
        "description": "The query: words, \"phrases\", OR, NOT/-word, prefix*, parentheses. At most 2,000 bytes (413 limit_exceeded beyond).",
        "schema": {
          "type": "string",
          "maxLength": 2000
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
          "maximum": 1000,
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
          "maximum": 100,
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
          "maximum": 2000,
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
        "description": "payload_too_large (body over 32 MiB), too_many_files (over 1,000 per request), file_too_large (over 8 MiB), limit_exceeded (query over 2,000 bytes).",
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
