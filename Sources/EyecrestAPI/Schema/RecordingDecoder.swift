/// One object's schema as its `init(from:)` runs: properties in decoding order, the
/// required ones, and the notes its type declares.
final class ObjectRecording {
    private let body: (any WireSchema.Type)?
    private var properties: [String: JSONValue] = [:]
    private var required: [String] = []

    /// `body` nil: a placeholder decode whose recording is thrown away.
    init(_ body: (any WireSchema.Type)?) { self.body = body }

    func add(_ key: String, _ schema: JSONValue, required isRequired: Bool) {
        var property = schema
        if let note = body?.fieldNotes[key], case .object(var members) = property {
            if let description = note.description { members["description"] = .string(description) }
            members.merge(note.keywords) { _, declared in declared }
            property = .object(members)
        }
        properties[key] = property
        if isRequired, !required.contains(key) { required.append(key) }
    }

    var schema: JSONValue {
        var members: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { members["required"] = .array(required.map(JSONValue.string)) }
        if let description = body?.schemaDescription { members["description"] = .string(description) }
        return .object(members)
    }
}

/// The `Decoder` that ``SchemaRecorder`` runs initializers on: keyed containers only.
struct RecordingDecoder: Decoder {
    let recorder: SchemaRecorder
    let object: ObjectRecording
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RecordingKeyedContainer<Key>(recorder: recorder, object: object, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw SchemaRecordingError.unsupported("a body decoded from an unkeyed container")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw SchemaRecordingError.unsupported("a body decoded from a single value")
    }
}

/// Records each key as the initializer asks for it: `decode` is required, `decodeIfPresent`
/// optional. Every scalar overload funnels into ``record(_:_:required:)``.
struct RecordingKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let recorder: SchemaRecorder
    let object: ObjectRecording
    var codingPath: [any CodingKey]
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    private func record<T: Decodable>(_ type: T.Type, _ key: Key, required: Bool) throws -> T {
        let (schema, value) = try recorder.record(type)
        object.add(key.stringValue, schema, required: required)
        return value
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try record(type, key, required: true) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { _ = try record(type, key, required: false); return nil }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try record(type, key, required: true) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try record(type, key, required: true) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try record(type, key, required: true) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try record(type, key, required: true) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try record(type, key, required: true) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try record(type, key, required: true) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try record(type, key, required: true) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try record(type, key, required: true) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try record(type, key, required: true) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { _ = try record(type, key, required: false); return nil }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { _ = try record(type, key, required: false); return nil }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { _ = try record(type, key, required: false); return nil }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { _ = try record(type, key, required: false); return nil }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { _ = try record(type, key, required: false); return nil }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { _ = try record(type, key, required: false); return nil }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { _ = try record(type, key, required: false); return nil }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { _ = try record(type, key, required: false); return nil }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { _ = try record(type, key, required: false); return nil }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw SchemaRecordingError.unsupported("a nested container for '\(key.stringValue)'")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw SchemaRecordingError.unsupported("a nested unkeyed container for '\(key.stringValue)'")
    }

    func superDecoder() throws -> any Decoder { throw SchemaRecordingError.unsupported("superDecoder") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw SchemaRecordingError.unsupported("superDecoder") }
}
