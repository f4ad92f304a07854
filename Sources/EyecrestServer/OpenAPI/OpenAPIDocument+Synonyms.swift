extension OpenAPIDocument {
    /// A dataset's synonyms: read, replace, clear.
    static func synonyms() -> Section {
        Section(
            paths: #"""
    "/v1/datasets/{datasetId}/synonyms": {
      "parameters": [
        {"$ref": "#/components/parameters/datasetId"}
      ],
      "get": {
        "operationId": "getSynonyms",
        "summary": "A dataset's synonyms",
        "tags": ["search"],
        "parameters": [
          {"$ref": "#/components/parameters/forceRegion"}
        ],
        "responses": {
          \#(Self.jsonResponse(200, "The rules searches apply.", "Synonyms")),
          \#(Self.responses(.badRequest, .notFound, .misdirected, .internalError, .unavailable, .unauthorized))
        }
      },
      "put": {
        "operationId": "setSynonyms",
        "summary": "Replace a dataset's synonyms",
        "tags": ["search"],
        "description": "Replaces every rule at once, checked whole before anything is stored (400 `invalid_argument`, 413 `limit_exceeded`). Searches apply them from the next query on; in a cluster the primary publishes them to the replicas.",
        \#(Self.jsonBody("Synonyms")),
        "responses": {
          \#(Self.jsonResponse(200, "The rules now stored.", "Synonyms")),
          \#(Self.responses(.badRequest, .notFound, .internalError, .unavailable, .tooLarge, .unsupportedMediaType, .unauthorized))
        }
      },
      "delete": {
        "operationId": "deleteSynonyms",
        "summary": "Remove a dataset's synonyms",
        "tags": ["search"],
        "responses": {
          \#(Self.jsonResponse(200, "No rules.", "Synonyms")),
          \#(Self.responses(.badRequest, .notFound, .internalError, .unavailable, .unauthorized))
        }
      }
    }
"""#)
    }
}
