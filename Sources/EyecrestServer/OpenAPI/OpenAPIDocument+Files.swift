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
          \#(Self.responses(.badRequest, .notFound, .internalError, .tooLarge, .unsupportedMediaType, .unauthorized))
        }
      },
      "delete": {
        "operationId": "deleteFiles",
        "summary": "Delete files by name",
        "tags": ["files"],
        \#(Self.jsonBody("DeleteFilesRequest")),
        "responses": {
          \#(Self.jsonResponse(200, "Which names existed.", "DeleteFilesResponse")),
          \#(Self.responses(.badRequest, .notFound, .internalError, .tooLarge, .unsupportedMediaType, .unauthorized))
        }
      },
      "get": {
        "operationId": "listFiles",
        "summary": "List files in filename order",
        "tags": ["files"],
        "parameters": [
          {"$ref": "#/components/parameters/forceRegion"},
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
          \#(Self.responses(.badRequest, .notFound, .misdirected, .internalError, .unauthorized))
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
          \#(Self.responses(.badRequest, .notFound, .misdirected, .internalError, .unauthorized))
        }
      }
    }
"""#,
            schemas: #"""
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
        "required": ["files"],
        "properties": {
          "files": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/FileInput"},
            "maxItems": \#(limits.maxFilesPerBatch)
          },
          "waitForReplication": {"type": "boolean"}
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
          "filename": {"type": "string"},
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
          "sections": {"type": "integer"},
          "seq": {"type": "integer"},
          "shard": {"type": "integer"}
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
            "items": {"$ref": "#/components/schemas/UpsertResult"}
          },
          "created": {"type": "integer"},
          "updated": {"type": "integer"},
          "unchanged": {"type": "integer"}
        }
      },
      "DeleteFilesRequest": {
        "type": "object",
        "required": ["filenames"],
        "properties": {
          "filenames": {
            "type": "array",
            "items": {"type": "string"},
            "maxItems": \#(limits.maxFilesPerBatch)
          },
          "waitForReplication": {"type": "boolean"}
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
            "items": {"type": "string"}
          },
          "notFound": {
            "type": "array",
            "items": {"type": "string"}
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
          "filename": {"type": "string"},
          "sha": {"type": "string"},
          "size": {"type": "integer"},
          "weight": {"type": "number"},
          "sections": {"type": "integer"},
          "title": {"type": "string"}
        }
      },
      "FileList": {
        "type": "object",
        "required": ["files"],
        "properties": {
          "files": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/FileSummary"}
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
          "filename": {"type": "string"},
          "content": {"type": "string"},
          "sha": {"type": "string"},
          "metadata": {
            "type": "object",
            "additionalProperties": true
          },
          "weight": {"type": "number"},
          "title": {"type": "string"},
          "sections": {"type": "integer"},
          "seq": {"type": "integer"},
          "startLine": {
            "type": "integer",
            "description": "Set when `start` or `end` was given."
          },
          "endLine": {"type": "integer"}
        }
      }
"""#)
    }
}
