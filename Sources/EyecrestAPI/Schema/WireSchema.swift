/// A request or response body of the API whose JSON Schema is derived from its
/// `init(from:)` (see ``SchemaRecorder``): the property names, JSON types, which are
/// required, arrays and nested bodies come from the decoding code itself, so a renamed or
/// added field changes the document with it. What decoding cannot tell (descriptions,
/// ranges, patterns) is declared here, next to the type.
public protocol WireSchema: Decodable {
    /// The name under `components/schemas`. Default: the type's name.
    static var schemaName: String { get }
    /// What the body is, for the document.
    static var schemaDescription: String? { get }
    /// Descriptions and constraints of properties, by JSON name.
    static var fieldNotes: [String: FieldNote] { get }
}

extension WireSchema {
    public static var schemaName: String { String(describing: Self.self) }
    public static var schemaDescription: String? { nil }
    public static var fieldNotes: [String: FieldNote] { [:] }
}

/// A string enumeration whose cases are listed in its schema (`enum`).
public protocol WireEnum: CaseIterable, RawRepresentable, Decodable where RawValue == String {}

extension WireEnum {
    static var rawValues: [String] { allCases.map(\.rawValue) }
    static var anyCase: Self? { allCases.first }
}

/// What a property's schema says beyond its type: JSON Schema keywords, written into the
/// property's schema as they are.
public struct FieldNote: Sendable, Equatable {
    public var description: String?
    public var keywords: [String: JSONValue]

    /// `keywords` such as `"minimum": 1`, `"pattern": "^…$"`, `"default": 20`.
    public init(_ description: String? = nil, _ keywords: [String: JSONValue] = [:]) {
        self.description = description
        self.keywords = keywords
    }
}
