/// Why an ``EtcdClient`` call failed. None of the cases carries a stored value.
public enum EtcdError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No endpoint answered in time (refused, reset, timed out, or etcd had no leader).
    /// The detail names each endpoint tried and its failure.
    case unreachable(String)
    /// An endpoint answered, but not with the JSON the v3 gateway sends.
    case badResponse(String)
    /// The lease does not exist (expired, revoked, or never granted).
    case leaseNotFound(Int64)
    /// etcd refused the request: the HTTP status, the gRPC code and etcd's message.
    case rejected(status: Int, code: Int, message: String)
    /// A value could not be encoded to JSON, or a stored value could not be decoded.
    case invalidValue(String)

    public var description: String {
        switch self {
        case .unreachable(let detail): "etcd is unreachable: \(detail)"
        case .badResponse(let detail): "etcd sent an unexpected response: \(detail)"
        case .leaseNotFound(let id): "etcd lease \(id) does not exist (expired or revoked)"
        case .rejected(let status, let code, let message): "etcd refused the request (HTTP \(status), code \(code)): \(message)"
        case .invalidValue(let detail): "etcd value: \(detail)"
        }
    }
}
