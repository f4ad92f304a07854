import Foundation

/// A key as etcd stores it: its value's bytes and the revisions that versions it.
public struct EtcdKeyValue: Sendable, Equatable {
    public var key: String
    /// The stored bytes (JSON for values written by ``EtcdClient``).
    public var value: Data
    /// The cluster revision that created the key (0 never occurs for a stored key).
    public var createRevision: Int64
    /// The cluster revision of the key's last write.
    public var modRevision: Int64
    /// The lease the key is attached to, 0 for none.
    public var lease: Int64

    public init(key: String, value: Data, createRevision: Int64, modRevision: Int64, lease: Int64) {
        self.key = key
        self.value = value
        self.createRevision = createRevision
        self.modRevision = modRevision
        self.lease = lease
    }

    init(_ wire: EtcdWire.KeyValue) throws(EtcdError) {
        guard let key = String(data: wire.key, encoding: .utf8) else { throw .badResponse("a key that is not UTF-8") }
        self.init(
            key: key, value: wire.value ?? Data(), createRevision: wire.createRevision?.value ?? 0,
            modRevision: wire.modRevision?.value ?? 0, lease: wire.lease?.value ?? 0)
    }

    /// The value decoded from its JSON.
    public func decode<Value: Decodable>(_ type: Value.Type) throws(EtcdError) -> Value {
        try EtcdClient.decode(type, from: value)
    }
}

/// A granted lease: keys attached to it are deleted when it expires or is revoked.
public struct EtcdLease: Sendable, Equatable {
    public var id: Int64
    /// The TTL etcd granted, in seconds (it may round a very short request up).
    public var ttl: Int64

    public init(id: Int64, ttl: Int64) {
        self.id = id
        self.ttl = ttl
    }
}

/// The condition of a compare-and-swap write (``EtcdClient/put(_:value:lease:if:)``).
public enum EtcdCondition: Sendable, Equatable {
    /// The key does not exist (its create revision is 0).
    case absent
    /// The key's last write is still this revision: nothing wrote it since it was read.
    case modRevision(Int64)
    /// The key's stored bytes are still these.
    case value(Data)
}

/// The outcome of a compare-and-swap transaction.
public enum EtcdSwapResult: Sendable, Equatable {
    /// The condition held and the value was written.
    case swapped
    /// The condition failed and nothing was written; `current` is the key's value as
    /// the transaction saw it (nil when the key does not exist).
    case conflict(current: EtcdKeyValue?)
}
