import EyecrestEngine

extension OpenAPIDocument {
    /// Search as JSON and as markdown for agents, with the parameters both share.
    static func search(_ limits: RequestLimits) -> Section {
        Section(
            paths: #"""
    "/v1/datasets/{datasetId}/search": {
      "get": {
        "operationId": "search",
        "summary": "Search: ranked sections as JSON",
        "tags": ["search"],
        "parameters": [
          {"$ref": "#/components/parameters/datasetId"},
          {"$ref": "#/components/parameters/forceRegion"},
          {"$ref": "#/components/parameters/minSeq"},
          {"$ref": "#/components/parameters/search_query"},
          {"$ref": "#/components/parameters/search_page"},
          {"$ref": "#/components/parameters/search_perPage"},
          {"$ref": "#/components/parameters/search_maxChunksPerFile"},
          {"$ref": "#/components/parameters/search_snippetLength"},
          {"$ref": "#/components/parameters/search_pathPrefix"},
          {"$ref": "#/components/parameters/search_typoTolerance"}
        ],
        "responses": {
          \#(Self.jsonResponse(200, "One page of hits.", "SearchResponse")),
          \#(Self.responses(.tooLarge, .badRequest, .notFound, .misdirected, .internalError, .unavailable, .unauthorized))
        }
      }
    },
    "/v1/datasets/{datasetId}/search.txt": {
      "get": {
        "operationId": "searchText",
        "summary": "Search: markdown for LLMs",
        "tags": ["search"],
        "description": "Each hit: a heading one level deeper than the section's own (at most `######`) with its heading path, a link `[file:startLine](/v1/datasets/{id}/files/{file}?start=A&end=B)`, the snippet; hits separated by a `---` line between blank lines; `*More results available on page N*` last when there is a next page. The original eyecrest API's shape.",
        "parameters": [
          {"$ref": "#/components/parameters/datasetId"},
          {"$ref": "#/components/parameters/forceRegion"},
          {"$ref": "#/components/parameters/minSeq"},
          {"$ref": "#/components/parameters/search_query"},
          {"$ref": "#/components/parameters/search_page"},
          {"$ref": "#/components/parameters/search_perPage"},
          {"$ref": "#/components/parameters/search_maxChunksPerFile"},
          {"$ref": "#/components/parameters/search_snippetLength"},
          {"$ref": "#/components/parameters/search_pathPrefix"},
          {"$ref": "#/components/parameters/search_typoTolerance"}
        ],
        "responses": {
          "200": {
            "description": "Hits as markdown.",
            "content": {
              "text/plain": {
                "schema": {"type": "string"}
              }
            }
          },
          \#(Self.responses(.tooLarge, .badRequest, .notFound, .misdirected, .internalError, .unavailable, .unauthorized))
        }
      }
    }
"""#,
            parameters: #"""
      "search_query": {
        "name": "query",
        "in": "query",
        "required": true,
        "description": "The query: words, \"phrases\", OR, NOT word (or -word, except right after a word, where -word is an option such as find -exec), prefix*, parentheses. At most \#(limits.maxQueryBytes) bytes (413 query_too_long beyond).",
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
        "schema": {"type": "string"}
      },
      "search_typoTolerance": {
        "name": "typoTolerance",
        "in": "query",
        "required": false,
        "description": "A word of 5 or more letters that the dataset lacks or holds in at most 3 sections also matches the terms one edit away (two from 9 letters), ranked below the word itself; the response's `corrections` names them. `false` searches the words as typed.",
        "schema": {"type": "boolean", "default": true}
      }
"""#)
    }
}
