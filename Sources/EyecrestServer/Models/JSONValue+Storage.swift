import EyecrestAPI
import Foundation

/// File metadata crosses the engine as JSON object text; the API shows it as a JSON object.
extension JSONValue {
    /// The JSON text of this value, as the engine stores metadata: sorted keys, so that
    /// equal metadata is equal text.
    func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Parses stored metadata text; nil for nil or (never expected) text that is not a
    /// JSON object.
    static func parseObject(_ text: String?) -> [String: JSONValue]? {
        guard let text else { return nil }
        return try? JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
    }
}
