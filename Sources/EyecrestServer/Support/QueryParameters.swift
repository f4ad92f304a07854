import Foundation
import Hummingbird
import HummingbirdCore

/// Typed, range-checked access to a request's query string. A value of the wrong type
/// or out of range is a 400 `invalid_parameter`, never a silent default and never a 500.
///
/// Parsed here rather than with `URI.queryParameters` so that `+` means a space, as in
/// every HTML form and in `curl --data-urlencode`.
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ uri: URI) {
        for pair in (uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            // The first occurrence wins: repeated parameters are not part of the API.
            if values[key] == nil { values[key] = parts.count > 1 ? Self.decode(parts[1]) : "" }
        }
    }

    private static func decode(_ raw: Substring) -> String {
        let spaced = raw.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    func string(_ name: String) -> String? { values[name] }

    func requiredString(_ name: String) throws(APIError) -> String {
        guard let value = values[name] else { throw .missingParameter(name) }
        return value
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let raw = values[name] else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw .invalidParameter("'\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }

    func bool(_ name: String) throws(APIError) -> Bool? {
        guard let raw = values[name] else { return nil }
        switch raw.lowercased() {
        case "true", "1", "": return true
        case "false", "0": return false
        default: throw .invalidParameter("'\(name)' must be true or false.")
        }
    }
}
