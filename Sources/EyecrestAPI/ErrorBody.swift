/// Every error's body: a message for people and a stable code for programs.
public struct ErrorBody: Codable, Equatable, Sendable, WireSchema {
    public var error: String
    public var code: String

    public init(error: String, code: String) {
        self.error = error
        self.code = code
    }

    public static let schemaName = "Error"
    public static let fieldNotes: [String: FieldNote] = [
        "error": FieldNote("A human-readable message."),
        "code": FieldNote("A stable machine-readable code."),
    ]
}
