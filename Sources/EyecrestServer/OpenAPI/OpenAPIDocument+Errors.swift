import EyecrestEngine

extension OpenAPIDocument {
    /// The error body every route shares and the responses built on it.
    static func errors(_ limits: RequestLimits, _ traffic: TrafficLimits) -> Section {
        Section(
            responses: #"""
      "BadRequest": {
        "description": "Bad input: invalid_json, invalid_field, missing_field, invalid_parameter, missing_parameter, invalid_dataset_id, invalid_filename, invalid_content, invalid_argument; in a cluster, unknown_region (not a live member; the message lists them), invalid_regions (the primary or a region twice among the replicas), too_many_regions.",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}
          }
        }
      },
      "NotFound": {
        "description": "dataset_not_found, file_not_found or not_found (no such route). A known path with another method answers 405 method_not_allowed with an Allow header.",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}
          }
        }
      },
      "Conflict": {
        "description": "conflict: the request contradicts the stored state; resharding_in_progress: a resharding to another shard count runs; primary_region_immutable: another primaryRegion for an existing dataset.",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}
          }
        }
      },
      "TooLarge": {
        "description": "payload_too_large (body over \#(limits.maxBodyBytes) bytes), too_many_files (over \#(limits.maxFilesPerBatch) per request), file_too_large (a file over \#(limits.maxFileBytes) bytes), query_too_long (query over \#(limits.maxQueryBytes) bytes). The limits are the server's configuration.",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}
          }
        }
      },
      "Misdirected": {
        "description": "region_unavailable: `x-force-region` named a region that does not hold the dataset; the message names the regions that do (on a single node, the node's own). 421 rather than 404: the dataset exists, the request was sent to the wrong place.",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}
          }
        }
      },
      "UnsupportedMediaType": {
        "description": "unsupported_media_type: a body not sent as application/json.",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}
          }
        }
      },
      "InternalError": {
        "description": "internal_error or storage_error: a bug or a storage failure; the server log has the details.",
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}
          }
        }
      },
      "Unavailable": {
        "description": "resource_exhausted: the server ran out of file descriptors, memory or disk space (for example opening a dataset with more shards than its open-file limit allows); server_busy: the server is at its limit of connections (\#(traffic.maxConnections)), request-body bytes in flight (\#(traffic.maxBodyBytesInFlight), checked before a body is read) or waiting searches (\#(traffic.maxQueuedSearches) behind \#(traffic.maxConcurrentSearches) running). In a cluster: cluster_unavailable (etcd cannot be reached and this node does not know where the dataset lives) or region_down (the node that must answer is down). Nothing was stored; retry after Retry-After seconds.",
        "headers": {
          "Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}
        },
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}
          }
        }
      },
      "TooManyRequests": {
        "description": "rate_limited: the caller's org is over its rate limit (\#(traffic.rateLimitRequestsPerSecond) requests and \#(traffic.rateLimitWriteBytesPerSecond) written bytes per second; 0 is no limit). Nothing was done; retry after Retry-After seconds.",
        "headers": {
          "Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}},
          "RateLimit-Limit": {"description": "Requests (or, when writes are what is limited, bytes) per second allowed to the org.", "schema": {"type": "integer"}},
          "RateLimit-Remaining": {"description": "What the org may still use now.", "schema": {"type": "integer"}},
          "RateLimit-Reset": {"description": "Seconds until the org's allowance is full again.", "schema": {"type": "integer"}}
        },
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}
          }
        }
      },
      "Unauthorized": {
        "description": "The bearer token is missing or refused: unauthenticated (no Authorization header), malformed_token, unsupported_algorithm (alg none, HMAC, or not the key's algorithm), unknown_key (kid), invalid_signature, token_expired, token_not_yet_valid, missing_claim (orgId or exp), invalid_claim. Only on a server with keys configured.",
        "headers": {
          "WWW-Authenticate": {
            "description": "`Bearer realm=\"eyecrest\", error=\"invalid_token\"`",
            "schema": {"type": "string"}
          }
        },
        "content": {
          "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}
          }
        }
      }
"""#)
    }
}
