import Foundation

/// Derives the JSON Schemas of ``WireSchema`` bodies by running their `init(from:)` on a
/// decoder that records instead of reading: each `decode` is a required property of that
/// JSON type, each `decodeIfPresent` an optional one; arrays, string-keyed maps, dates,
/// ``WireEnum``s and ``JSONValue`` are recognised by type, and a nested ``WireSchema``
/// becomes a `$ref` to its own component. Values handed back to the initializer are
/// placeholders (0, "", empty arrays, the first enum case).
///
/// Only the synthesized (or an equivalent keyed) `init(from:)` is supported: a body that
/// decodes itself from a single value or an unkeyed container makes ``schemas(of:)`` throw.
public final class SchemaRecorder {
    /// Components recorded so far, by name: `{"type": "object", "properties": …}`.
    private(set) var components: [String: JSONValue] = [:]

    private init() {}

    /// The schema components of `roots` and of every body they contain, by name.
    public static func schemas(of roots: [any WireSchema.Type]) throws -> [String: JSONValue] {
        let recorder = SchemaRecorder()
        for root in roots { _ = try recorder.schema(of: root) }
        return recorder.components
    }

    /// The schema of a property of type `type`, and a placeholder value of it.
    func record<T: Decodable>(_ type: T.Type) throws -> (schema: JSONValue, value: T) {
        let schema = try schema(of: type)
        return (schema, try placeholder(of: type))
    }

    func schema(of type: any Decodable.Type) throws -> JSONValue {
        switch type {
        case is String.Type: return ["type": "string"]
        case is Bool.Type: return ["type": "boolean"]
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is UInt64.Type: return ["type": "integer"]
        case is Double.Type, is Float.Type: return ["type": "number"]
        case is Date.Type: return ["type": "string", "format": "date-time"]
        case is JSONValue.Type: return [:]
        default: break
        }
        if let enumeration = type as? any WireEnum.Type {
            return ["type": "string", "enum": .array(enumeration.rawValues.map(JSONValue.string))]
        }
        if let array = type as? any RecordableArray.Type {
            return ["type": "array", "items": try schema(of: array.elementType)]
        }
        if let map = type as? any RecordableMap.Type {
            let values = try schema(of: map.valueType)
            return ["type": "object", "additionalProperties": values == [:] ? true : values]
        }
        guard let body = type as? any WireSchema.Type else { throw SchemaRecordingError.unsupported(String(describing: type)) }
        if components[body.schemaName] == nil {
            let object = ObjectRecording(body)
            _ = try body.init(from: RecordingDecoder(recorder: self, object: object))
            components[body.schemaName] = object.schema
        }
        return ["$ref": .string("#/components/schemas/\(body.schemaName)")]
    }

    /// A value of `type` for the initializer under recording to store and discard.
    private func placeholder<T: Decodable>(of type: T.Type) throws -> T {
        let value: Any? =
            switch type {
            case is String.Type: ""
            case is Bool.Type: false
            case is Int.Type: 0 as Int
            case is Int64.Type: 0 as Int64
            case is Int32.Type: 0 as Int32
            case is UInt.Type: 0 as UInt
            case is UInt64.Type: 0 as UInt64
            case is Double.Type: 0.0 as Double
            case is Float.Type: 0 as Float
            case is Date.Type: Date(timeIntervalSince1970: 0)
            case is JSONValue.Type: JSONValue.null
            default:
                if let enumeration = type as? any WireEnum.Type {
                    enumeration.anyCase
                } else if let array = type as? any RecordableArray.Type {
                    array.empty
                } else if let map = type as? any RecordableMap.Type {
                    map.empty
                } else if type is any WireSchema.Type {
                    try T(from: RecordingDecoder(recorder: self, object: ObjectRecording(nil)))
                } else {
                    nil
                }
            }
        guard let typed = value as? T else { throw SchemaRecordingError.unsupported(String(describing: type)) }
        return typed
    }
}

/// Why a schema could not be derived.
public enum SchemaRecordingError: Error, Equatable, CustomStringConvertible {
    /// A property type the recorder does not know, or a body not decoded from keys.
    case unsupported(String)

    public var description: String {
        switch self {
        case .unsupported(let type): "Cannot derive a JSON Schema for \(type): not a WireSchema, WireEnum, array, map or JSON scalar."
        }
    }
}

/// `[Element]`, seen by the recorder without knowing `Element`.
protocol RecordableArray {
    static var elementType: any Decodable.Type { get }
    static var empty: Self { get }
}

extension Array: RecordableArray where Element: Decodable {
    static var elementType: any Decodable.Type { Element.self }
    static var empty: Self { [] }
}

/// `[String: Value]`, a JSON object with free keys.
protocol RecordableMap {
    static var valueType: any Decodable.Type { get }
    static var empty: Self { get }
}

extension Dictionary: RecordableMap where Key == String, Value: Decodable {
    static var valueType: any Decodable.Type { Value.self }
    static var empty: Self { [:] }
}
