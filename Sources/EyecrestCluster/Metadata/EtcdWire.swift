import Foundation

/// The request and response bodies of etcd's v3 JSON gateway (grpc-gateway): field names
/// in snake case, bytes in base64, 64-bit integers as strings, fields at their default
/// value (0, false, empty) left out of responses.
enum EtcdWire {
    /// A 64-bit integer, sent as a string and read from a string or a number.
    struct Int64Text: Codable, Sendable {
        var value: Int64
        init(_ value: Int64) { self.value = value }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                value = number
            } else if let number = Int64(try container.decode(String.self)) {
                value = number
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a 64-bit integer")
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(String(value))
        }
    }

    struct RangeRequest: Encodable {
        var key: Data
        var rangeEnd: Data?
        enum CodingKeys: String, CodingKey { case key, rangeEnd = "range_end" }
    }

    struct KeyValue: Decodable {
        var key: Data
        var value: Data?
        var createRevision: Int64Text?
        var modRevision: Int64Text?
        var lease: Int64Text?
        enum CodingKeys: String, CodingKey { case key, value, createRevision = "create_revision", modRevision = "mod_revision", lease }
    }

    struct RangeResponse: Decodable {
        var kvs: [KeyValue]?
    }

    struct PutRequest: Encodable {
        var key: Data
        var value: Data
        var lease: Int64Text?
    }

    struct DeleteRangeRequest: Encodable {
        var key: Data
    }

    struct DeleteRangeResponse: Decodable {
        var deleted: Int64Text?
    }

    /// One condition of a transaction: the key's create revision, mod revision or value
    /// equals the given one.
    struct Compare: Encodable {
        enum Target: String, Encodable { case create = "CREATE", mod = "MOD", value = "VALUE" }
        var key: Data
        var target: Target
        var result = "EQUAL"
        var createRevision: Int64Text?
        var modRevision: Int64Text?
        var value: Data?
        enum CodingKeys: String, CodingKey {
            case key, target, result, value, createRevision = "create_revision", modRevision = "mod_revision"
        }
    }

    struct RequestOp: Encodable {
        var requestPut: PutRequest?
        var requestRange: RangeRequest?
        enum CodingKeys: String, CodingKey { case requestPut = "request_put", requestRange = "request_range" }
    }

    struct TxnRequest: Encodable {
        var compare: [Compare]
        var success: [RequestOp]
        var failure: [RequestOp]
    }

    struct ResponseOp: Decodable {
        var responseRange: RangeResponse?
        enum CodingKeys: String, CodingKey { case responseRange = "response_range" }
    }

    struct TxnResponse: Decodable {
        var succeeded: Bool?
        var responses: [ResponseOp]?
    }

    struct LeaseGrantRequest: Encodable {
        var ttl: Int64Text
        enum CodingKeys: String, CodingKey { case ttl = "TTL" }
    }

    struct LeaseGrantResponse: Decodable {
        var id: Int64Text?
        var ttl: Int64Text?
        var error: String?
        enum CodingKeys: String, CodingKey { case id = "ID", ttl = "TTL", error }
    }

    struct LeaseIDRequest: Encodable {
        var id: Int64Text
        enum CodingKeys: String, CodingKey { case id = "ID" }
    }

    /// The keepalive stream's first message, wrapped in `result`. A lease that no longer
    /// exists answers with its id and no TTL.
    struct LeaseKeepAliveResponse: Decodable {
        struct Result: Decodable {
            var ttl: Int64Text?
            enum CodingKeys: String, CodingKey { case ttl = "TTL" }
        }
        var result: Result?
        var error: ErrorBody?
    }

    /// A response whose fields nobody reads (a put's, a revoke's): any JSON object.
    struct Acknowledgement: Decodable {}

    /// What the gateway sends with a non-2xx status (the gRPC status, as JSON).
    struct ErrorBody: Decodable {
        var code: Int?
        var message: String?
        var error: String?
    }
}
