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
          \#(Self.responses(.internalError, .unavailable, .unauthorized))
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
        "description": "Creates the dataset, or returns it if it exists. Without `shards` an existing dataset keeps its shard count; another shard count reshards it online and answers 202 with the resharding's progress (the same count again while it runs: 202 with its progress; another count: 409 resharding_in_progress). In a cluster the placement is recorded in etcd and the request goes to the primary's node.",
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
          \#(Self.jsonResponse(202, "Resharding to the requested count started, or is running: `resharding` has its progress.", "Dataset")),
          \#(Self.responses(.conflict, .badRequest, .notFound, .internalError, .unavailable, .tooLarge, .unsupportedMediaType, .unauthorized))
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
          \#(Self.responses(.badRequest, .notFound, .misdirected, .internalError, .unavailable, .unauthorized))
        }
      },
      "delete": {
        "operationId": "deleteDataset",
        "summary": "Delete a dataset and all its files",
        "tags": ["datasets"],
        "responses": {
          \#(Self.jsonResponse(200, "Deleted.", "DeletedDataset")),
          \#(Self.responses(.badRequest, .notFound, .internalError, .unavailable, .unauthorized))
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
          {"$ref": "#/components/parameters/forceRegion"},
          {"$ref": "#/components/parameters/minSeq"}
        ],
        "responses": {
          \#(Self.jsonResponse(200, "Sizes.", "DatasetSize")),
          \#(Self.responses(.badRequest, .notFound, .misdirected, .internalError, .unavailable, .unauthorized))
        }
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
        "description": "Answer from this region. This node's own region answers normally; in a cluster the request goes to the region named when it holds the dataset; otherwise a 421 region_unavailable names the regions that do.",
        "schema": {"type": "string"}
      },
      "minSeq": {
        "name": "minSeq",
        "in": "query",
        "required": false,
        "description": "A write's replication.position (\"1:42,17\", or one shard's sequence number): answer from a copy that has it. A replica waits up to a second for it, then the primary answers.",
        "schema": {"type": "string", "pattern": "^([0-9]{1,18}|[0-9]{1,9}:[0-9]{1,18}(,[0-9]{1,18}){0,255})$"}
      }
"""#)
    }
}
