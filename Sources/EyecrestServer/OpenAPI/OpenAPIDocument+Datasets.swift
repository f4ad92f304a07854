extension OpenAPIDocument {
    /// Datasets: create, list, show, size, delete.
    static func datasets(_ limits: RequestLimits) -> Section {
        Section(
            paths: #"""
    "/v1/datasets": {
      "get": {
        "operationId": "listDatasets",
        "summary": "List the caller's datasets",
        "tags": ["datasets"],
        "responses": {
          \#(Self.jsonResponse(200, "The datasets.", "DatasetList")),
          \#(Self.responses(.internalError, .unauthorized))
        }
      }
    },
    "/v1/datasets/{datasetId}": {
      "parameters": [
        {"$ref": "#/components/parameters/datasetId"}
      ],
      "post": {
        "operationId": "createDataset",
        "summary": "Create a dataset (idempotent)",
        "tags": ["datasets"],
        "description": "Creates the dataset, or returns it if it exists. Without `shards` an existing dataset keeps its shard count; a different shard count is a 409. Regions are accepted and echoed; this node is single-region.",
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {"$ref": "#/components/schemas/CreateDatasetRequest"}
            }
          }
        },
        "responses": {
          \#(Self.jsonResponse(200, "The dataset already existed.", "Dataset")),
          \#(Self.jsonResponse(201, "The dataset was created.", "Dataset")),
          \#(Self.responses(.conflict, .badRequest, .notFound, .internalError, .tooLarge, .unsupportedMediaType, .unauthorized))
        }
      },
      "get": {
        "operationId": "getDataset",
        "summary": "A dataset's configuration and stats",
        "tags": ["datasets"],
        "parameters": [
          {"$ref": "#/components/parameters/forceRegion"}
        ],
        "responses": {
          \#(Self.jsonResponse(200, "The dataset with `stats`.", "Dataset")),
          \#(Self.responses(.badRequest, .notFound, .misdirected, .internalError, .unauthorized))
        }
      },
      "delete": {
        "operationId": "deleteDataset",
        "summary": "Delete a dataset and all its files",
        "tags": ["datasets"],
        "responses": {
          \#(Self.jsonResponse(200, "Deleted.", "DeletedDataset")),
          \#(Self.responses(.badRequest, .notFound, .internalError, .unauthorized))
        }
      }
    },
    "/v1/datasets/{datasetId}/size": {
      "get": {
        "operationId": "datasetSize",
        "summary": "Sizes and counts",
        "tags": ["datasets"],
        "parameters": [
          {"$ref": "#/components/parameters/datasetId"},
          {"$ref": "#/components/parameters/forceRegion"}
        ],
        "responses": {
          \#(Self.jsonResponse(200, "Sizes.", "DatasetSize")),
          \#(Self.responses(.badRequest, .notFound, .misdirected, .internalError, .unauthorized))
        }
      }
    }
"""#,
            schemas: #"""
      "CreateDatasetRequest": {
        "type": "object",
        "properties": {
          "shards": {
            "type": "integer",
            "minimum": 1,
            "maximum": 256,
            "description": "Default 1 for a new dataset."
          },
          "primaryRegion": {"type": "string"},
          "replicaRegions": {
            "type": "array",
            "items": {"type": "string"},
            "maxItems": 32
          },
          "waitForReplication": {
            "type": "boolean",
            "description": "Accepted for compatibility; a single node has no replicas to wait for."
          },
          "provider": {
            "type": "string",
            "description": "The original eyecrest API's storage provider (sqlite, upstash, neon): accepted and ignored."
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
          "files": {"type": "integer"},
          "sections": {"type": "integer"},
          "contentBytes": {"type": "integer"},
          "diskBytes": {"type": "integer"},
          "shardSequences": {
            "type": "array",
            "items": {"type": "integer"},
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
          "region",
          "createdAt"
        ],
        "properties": {
          "datasetId": {"type": "string"},
          "orgId": {"type": "string"},
          "shards": {"type": "integer"},
          "primaryRegion": {"type": "string"},
          "replicaRegions": {
            "type": "array",
            "items": {"type": "string"}
          },
          "region": {
            "type": "string",
            "description": "The region of the node that answered."
          },
          "createdAt": {
            "type": "string",
            "format": "date-time"
          },
          "created": {
            "type": "boolean",
            "description": "Only in the answer to a create."
          },
          "stats": {"$ref": "#/components/schemas/DatasetStats"}
        }
      },
      "DatasetList": {
        "type": "object",
        "required": ["datasets"],
        "properties": {
          "datasets": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/Dataset"}
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
          "datasetId": {"type": "string"},
          "deleted": {"type": "boolean"}
        }
      },
      "DatasetSizeBreakdown": {
        "type": "object",
        "required": [
          "databaseSizeBytes",
          "contentSizeBytes",
          "metadataSizeBytes"
        ],
        "properties": {
          "databaseSizeBytes": {
            "type": "integer",
            "description": "Bytes on disk of the dataset's databases with their write-ahead logs (content, metadata, sections, index): the same as totalSizeBytes."
          },
          "contentSizeBytes": {
            "type": "integer",
            "description": "Bytes of file content as uploaded, stored inside the databases."
          },
          "metadataSizeBytes": {
            "type": "integer",
            "description": "Bytes of the files' metadata as stored JSON text, inside the databases."
          }
        }
      },
      "DatasetSize": {
        "type": "object",
        "required": [
          "totalSizeBytes",
          "uploadedContentSizeBytes",
          "fileCount",
          "sectionCount",
          "breakdown",
          "datasetId",
          "shards",
          "files",
          "sections",
          "contentBytes",
          "diskBytes"
        ],
        "properties": {
          "totalSizeBytes": {
            "type": "integer",
            "description": "Bytes on disk."
          },
          "uploadedContentSizeBytes": {
            "type": "integer",
            "description": "Bytes of file content as uploaded."
          },
          "fileCount": {"type": "integer"},
          "sectionCount": {"type": "integer"},
          "breakdown": {"$ref": "#/components/schemas/DatasetSizeBreakdown"},
          "datasetId": {"type": "string"},
          "shards": {"type": "integer"},
          "files": {"type": "integer"},
          "sections": {"type": "integer"},
          "contentBytes": {"type": "integer"},
          "diskBytes": {"type": "integer"}
        }
      }
"""#,
            parameters: #"""
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
      "forceRegion": {
        "name": "x-force-region",
        "in": "header",
        "required": false,
        "description": "Answer from this region. This node's own region answers normally; any other is a 421 region_unavailable naming the regions that hold the dataset.",
        "schema": {"type": "string"}
      }
"""#)
    }
}
