extension OpenAPIDocument {
    /// Datasets: create, list, show, size, delete.
    static func datasets(_ limits: RequestLimits) -> Section {
        Section(
            paths: #"""
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
      }
"""#)
    }
}
