import EyecrestEngine

extension OpenAPIDocument {
    /// Files: batch upsert and delete, listing, reading one (whole or sliced).
    static func files(_ limits: RequestLimits) -> Section {
        Section(
            paths: #"""
    "/v1/datasets/{datasetId}/files": {
      "parameters": [
        {"$ref": "#/components/parameters/datasetId"}
      ],
      "put": {
        "operationId": "upsertFiles",
        "summary": "Insert or replace a batch of files",
        "tags": ["files"],
        "description": "The whole batch is validated before anything is written: one bad file rejects the batch with nothing stored.",
        \#(Self.jsonBody("UpsertFilesRequest")),
        "responses": {
          \#(Self.jsonResponse(200, "Per-file results, in request order.", "UpsertFilesResponse")),
          \#(Self.responses(.badRequest, .notFound, .internalError, .unavailable, .tooLarge, .unsupportedMediaType, .unauthorized))
        }
      },
      "delete": {
        "operationId": "deleteFiles",
        "summary": "Delete files by name",
        "tags": ["files"],
        \#(Self.jsonBody("DeleteFilesRequest")),
        "responses": {
          \#(Self.jsonResponse(200, "Which names existed.", "DeleteFilesResponse")),
          \#(Self.responses(.badRequest, .notFound, .internalError, .unavailable, .tooLarge, .unsupportedMediaType, .unauthorized))
        }
      },
      "get": {
        "operationId": "listFiles",
        "summary": "List files in filename order",
        "tags": ["files"],
        "parameters": [
          {"$ref": "#/components/parameters/forceRegion"},
          {"$ref": "#/components/parameters/minSeq"},
          {
            "name": "prefix",
            "in": "query",
            "required": false,
            "description": "Only files whose name starts with this.",
            "schema": {"type": "string"}
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "The `nextCursor` of the previous page.",
            "schema": {"type": "string"}
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
          \#(Self.jsonResponse(200, "One page of files.", "FileList")),
          \#(Self.responses(.badRequest, .notFound, .misdirected, .internalError, .unavailable, .unauthorized))
        }
      }
    },
    "/v1/datasets/{datasetId}/files/{path}": {
      "get": {
        "operationId": "getFile",
        "summary": "Read one file",
        "tags": ["files"],
        "description": "`path` is the filename; it may contain `/`. Percent-encode each component (spaces, non-ASCII).",
        "parameters": [
          {"$ref": "#/components/parameters/datasetId"},
          {"$ref": "#/components/parameters/forceRegion"},
          {"$ref": "#/components/parameters/minSeq"},
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
            "description": "Prefix each line with its number. An empty value (`showLineNumbers=`) means true.",
            "schema": {
              "type": "boolean",
              "default": false
            }
          }
        ],
        "responses": {
          \#(Self.jsonResponse(200, "The file (content sliced when asked).", "File")),
          \#(Self.responses(.badRequest, .notFound, .misdirected, .internalError, .unavailable, .unauthorized))
        }
      }
    }
"""#)
    }
}
