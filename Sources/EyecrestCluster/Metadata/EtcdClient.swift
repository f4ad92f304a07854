import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// A small client for etcd's v3 JSON gateway (`POST /v3/kv/range` and friends) over a
/// list of endpoints.
///
/// - A call goes to the endpoint that answered last; when that one cannot be reached (or
///   answers that it has no leader), the call moves on to the next, and throws
///   ``EtcdError/unreachable(_:)`` once every endpoint failed.
/// - Every attempt has its own deadline (``timeout``, 2 s by default), so a call never
///   hangs on an endpoint that accepted the connection and went silent.
/// - Keys are strings (sent as UTF-8); values are `Codable` types stored as JSON (sorted
///   keys, dates in ISO 8601 with milliseconds), so the same value always has the same
///   bytes and a transaction may compare on it.
public final class EtcdClient: Sendable {
    /// The gateway base URLs, e.g. `http://127.0.0.1:2379`, in order of preference.
    public let endpoints: [String]
    /// The deadline of one attempt against one endpoint.
    public let timeout: Duration
    let httpClient: HTTPClient
    /// The index of the endpoint that answered last, tried first.
    private let preferred = Mutex(0)

    /// - Parameters:
    ///   - endpoints: one or more base URLs (trailing slashes are ignored).
    ///   - httpClient: defaults to ``defaultHTTPClient``, which needs no shutdown.
    public init(endpoints: [String], timeout: Duration = .seconds(2), httpClient: HTTPClient = EtcdClient.defaultHTTPClient) {
        self.endpoints = endpoints.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.timeout = timeout
        self.httpClient = httpClient
    }

    func preferredEndpoint() -> Int { preferred.withLock { $0 } }
    func preferEndpoint(_ index: Int) { preferred.withLock { $0 = index } }

    // MARK: Keys and values

    /// The key's current value and revisions, or nil when it does not exist.
    public func get(_ key: String) async throws(EtcdError) -> EtcdKeyValue? {
        let response = try await call("/v3/kv/range", EtcdWire.RangeRequest(key: Data(key.utf8)), as: EtcdWire.RangeResponse.self)
        return try response.kvs?.first.map(EtcdKeyValue.init)
    }

    /// Every key that starts with `prefix`, in key order.
    public func range(prefix: String) async throws(EtcdError) -> [EtcdKeyValue] {
        let request = EtcdWire.RangeRequest(key: Data(prefix.utf8), rangeEnd: Self.prefixEnd(prefix))
        let response = try await call("/v3/kv/range", request, as: EtcdWire.RangeResponse.self)
        return try (response.kvs ?? []).map(EtcdKeyValue.init)
    }

    /// Stores `value` (as JSON) under `key`, attached to `lease` when given: the key is
    /// deleted when the lease expires or is revoked.
    public func put(_ key: String, value: some Encodable, lease: Int64? = nil) async throws(EtcdError) {
        let request = EtcdWire.PutRequest(key: Data(key.utf8), value: try Self.encode(value), lease: lease.map(EtcdWire.Int64Text.init))
        _ = try await call("/v3/kv/put", request, as: EtcdWire.Acknowledgement.self, lease: lease)
    }

    /// Deletes `key`; true when it existed.
    @discardableResult
    public func delete(_ key: String) async throws(EtcdError) -> Bool {
        let response = try await call("/v3/kv/deleterange", EtcdWire.DeleteRangeRequest(key: Data(key.utf8)), as: EtcdWire.DeleteRangeResponse.self)
        return (response.deleted?.value ?? 0) > 0
    }

    // MARK: Compare and swap

    /// Stores `value` under `key` only if `condition` holds, in one transaction. On a
    /// conflict nothing is written and the result carries the key's current value.
    public func put(
        _ key: String, value: some Encodable, lease: Int64? = nil, if condition: EtcdCondition
    ) async throws(EtcdError) -> EtcdSwapResult {
        var compare = EtcdWire.Compare(key: Data(key.utf8), target: .create)
        switch condition {
        case .absent: compare.createRevision = .init(0)
        case .modRevision(let revision): (compare.target, compare.modRevision) = (.mod, .init(revision))
        case .value(let expected): (compare.target, compare.value) = (.value, expected)
        }
        return try await swap(key, compare: compare, value: value, lease: lease)
    }

    /// Stores `value` under `key` only if the key does not exist.
    public func createIfAbsent(_ key: String, value: some Encodable, lease: Int64? = nil) async throws(EtcdError) -> EtcdSwapResult {
        try await put(key, value: value, lease: lease, if: .absent)
    }

    /// One transaction: if `compare` holds, put; otherwise read the key back.
    private func swap(
        _ key: String, compare: EtcdWire.Compare, value: some Encodable, lease: Int64?
    ) async throws(EtcdError) -> EtcdSwapResult {
        let put = EtcdWire.PutRequest(key: Data(key.utf8), value: try Self.encode(value), lease: lease.map(EtcdWire.Int64Text.init))
        let request = EtcdWire.TxnRequest(
            compare: [compare], success: [.init(requestPut: put)], failure: [.init(requestRange: .init(key: Data(key.utf8)))])
        let response = try await call("/v3/kv/txn", request, as: EtcdWire.TxnResponse.self, lease: lease)
        if response.succeeded == true { return .swapped }
        let current = try response.responses?.first?.responseRange?.kvs?.first.map(EtcdKeyValue.init)
        return .conflict(current: current)
    }

    // MARK: Leases

    /// Grants a lease of `ttl` seconds (etcd may round a very short TTL up).
    public func leaseGrant(ttl: Int64) async throws(EtcdError) -> EtcdLease {
        let response = try await call("/v3/lease/grant", EtcdWire.LeaseGrantRequest(ttl: .init(ttl)), as: EtcdWire.LeaseGrantResponse.self)
        if let error = response.error, !error.isEmpty { throw .rejected(status: 200, code: 0, message: error) }
        guard let id = response.id?.value, let granted = response.ttl?.value else { throw .badResponse("a lease grant without ID or TTL") }
        return EtcdLease(id: id, ttl: granted)
    }

    /// Renews the lease once and returns its TTL in seconds; throws
    /// ``EtcdError/leaseNotFound(_:)`` when it expired or was revoked.
    @discardableResult
    public func leaseKeepAlive(_ id: Int64) async throws(EtcdError) -> Int64 {
        let response = try await call("/v3/lease/keepalive", EtcdWire.LeaseIDRequest(id: .init(id)), as: EtcdWire.LeaseKeepAliveResponse.self, lease: id)
        if let error = response.error { throw .rejected(status: 200, code: error.code ?? 0, message: error.message ?? "") }
        guard let ttl = response.result?.ttl?.value, ttl > 0 else { throw .leaseNotFound(id) }
        return ttl
    }

    /// Revokes the lease, deleting every key attached to it. A lease that no longer
    /// exists is not an error: its keys are gone either way.
    public func leaseRevoke(_ id: Int64) async throws(EtcdError) {
        do {
            _ = try await call("/v3/lease/revoke", EtcdWire.LeaseIDRequest(id: .init(id)), as: EtcdWire.Acknowledgement.self, lease: id)
        } catch .leaseNotFound {
            return
        }
    }

    /// True when an endpoint's `/health` reports a healthy member (one with a leader).
    public func isHealthy() async -> Bool {
        for (_, endpoint) in orderedEndpoints() {
            var request = HTTPClientRequest(url: endpoint + "/health")
            request.method = .GET
            guard let response = try? await httpClient.execute(request, timeout: .init(timeout)),
                let body = try? await response.body.collect(upTo: 64 * 1024)
            else { continue }
            let health = try? JSONDecoder().decode([String: String].self, from: Data(body.readableBytesView))
            if response.status == .ok, health?["health"] == "true" { return true }
        }
        return false
    }

    // MARK: Values

    /// The JSON bytes ``put(_:value:lease:)`` stores for `value`.
    public static func encode(_ value: some Encodable) throws(EtcdError) -> Data {
        do { return try valueEncoder.encode(value) } catch { throw .invalidValue("cannot encode \(type(of: value)): \(error)") }
    }

    /// Decodes JSON bytes stored by ``put(_:value:lease:)``.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws(EtcdError) -> Value {
        do { return try valueDecoder.decode(type, from: data) } catch { throw .invalidValue("cannot decode \(Value.self): \(error)") }
    }

    private static let valueEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(MillisecondTimestamp.format(date))
        }
        return encoder
    }()

    private static let valueDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = MillisecondTimestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 UTC timestamp: \(text)")
            }
            return date
        }
        return decoder
    }()

    /// The end of the range of keys starting with `prefix`: the prefix with its last byte
    /// that is not 0xFF incremented (and what follows it dropped).
    static func prefixEnd(_ prefix: String) -> Data {
        var bytes = Array(prefix.utf8)
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return Data(bytes)
            }
            bytes.removeLast()
        }
        return Data([0])  // every key
    }
}
