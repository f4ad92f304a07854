import EyecrestEngine

extension OpenAPIDocument {
    /// Imports from tar.gz archives (a body or a URL) and from GitHub branches.
    static func importing(_ limits: RequestLimits) -> Section {
        Section(
            paths: #"""
    "/v1/datasets/{datasetId}/import/tar": {
      "parameters": [
        {"$ref": "#/components/parameters/datasetId"}
      ],
      "post": {
        "operationId": "importTar",
        "summary": "Import the markdown of a .tar.gz (sent, or fetched from a URL)",
        "tags": ["files"],
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
            "schema": {"type": "string"}
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
              "schema": {"$ref": "#/components/schemas/ImportURLRequest"}
            }
          }
        },
        "responses": {
          \#(Self.jsonResponse(200, "What the import did.", "ImportResponse")),
          \#(Self.responses(.importBadRequest, .unauthorized, .notFound, .importTooLarge)),
          \#(Self.jsonResponse(415, "unsupported_media_type: the body is neither an archive (application/gzip, application/x-gzip, application/octet-stream) nor JSON.", "Error")),
          \#(Self.responses(.internalError, .unavailable, .unavailable))
        }
      }
    },
    "/v1/datasets/{datasetId}/import/github": {
      "parameters": [
        {"$ref": "#/components/parameters/datasetId"}
      ],
      "post": {
        "operationId": "importGitHub",
        "summary": "Import the markdown of a GitHub branch",
        "tags": ["files"],
        "description": "Fetches `{host}/{owner}/{repo}/tar.gz/refs/heads/{branch}` from the server's archive host (`--github-archive-host`, default https://codeload.github.com) and imports it as `import/tar` does: the repository's top-level folder removed, `path` selecting a folder, all or nothing.",
        \#(Self.jsonBody("ImportGitHubRequest")),
        "responses": {
          \#(Self.jsonResponse(200, "What the import did.", "ImportResponse")),
          \#(Self.responses(.importBadRequest, .unauthorized)),
          \#(Self.jsonResponse(404, "dataset_not_found, or repository_not_found: the archive host has no such repository and branch (or it is private).", "Error")),
          \#(Self.responses(.importTooLarge, .unsupportedMediaType, .internalError, .unavailable, .unavailable))
        }
      }
    }
"""#,
            responses: #"""
      "ImportBadRequest": {
        "description": "invalid_archive (not gzip, damaged, truncated, not a tar), fetch_failed (the URL could not be fetched: connection, an answer other than 2xx, too many redirects), fetch_timeout, url_not_allowed (the URL or a redirect names a loopback, private or link-local address, refused unless the server allows them), or bad input: invalid_json, invalid_field, missing_field, invalid_parameter, invalid_dataset_id.",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}
          }
        }
      },
      "ImportTooLarge": {
        "description": "archive_too_large (over \#(limits.maxArchiveBytes) bytes compressed or \#(limits.maxArchiveUncompressedBytes) bytes uncompressed), too_many_entries (over \#(limits.maxArchiveEntries)), archive_entry_too_large (an entry over \#(limits.maxArchiveEntryBytes) bytes), payload_too_large (a JSON body over \#(limits.maxBodyBytes) bytes). Nothing is imported.",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}
          }
        }
      }
"""#)
    }
}
