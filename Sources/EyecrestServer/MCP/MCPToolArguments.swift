import Foundation
import MCP

/// A tool call that cannot run as asked: answered as a tool result with `isError`, whose
/// text tells the agent what to change. (The spec keeps JSON-RPC errors for protocol
/// problems; a model reads tool errors and can correct its own arguments.)
struct MCPToolFailure: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// The `arguments` of one tool call, read with the forgiveness a model needs (numbers sent
/// as strings or as `2.0`, `null` for "not given") and the strictness a caller deserves
/// (an unknown argument is named, not ignored).
struct MCPToolArguments {
    let tool: String
    let values: [String: Value]

    /// Refuses arguments the tool does not take, so a misspelt `per_page` is not silently
    /// ignored.
    func expectOnly(_ names: [String]) throws(MCPToolFailure) {
        let unknown = values.keys.filter { !names.contains($0) }.sorted()
        guard unknown.isEmpty else {
            let accepted = names.isEmpty ? "none" : names.joined(separator: ", ")
            throw MCPToolFailure("\(tool) does not take \(unknown.map { "'\($0.prefix(60))'" }.joined(separator: ", ")); its arguments are: \(accepted).")
        }
    }

    func string(_ name: String) throws(MCPToolFailure) -> String? {
        switch values[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw MCPToolFailure("'\(name)' must be a string.")
        }
    }

    func requiredString(_ name: String) throws(MCPToolFailure) -> String {
        guard let text = try string(name), !text.isEmpty else { throw MCPToolFailure("\(tool) needs '\(name)' (a non-empty string).") }
        return text
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws(MCPToolFailure) -> Int? {
        let number: Int?
        switch values[name] {
        case nil, .null?: return nil
        case .int(let value)?: number = value
        case .double(let value)? where value.rounded() == value && abs(value) < 1e15: number = Int(value)
        case .string(let text)?: number = Int(text.trimmingCharacters(in: .whitespaces))
        default: number = nil
        }
        guard let number, range.contains(number) else {
            throw MCPToolFailure("'\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound).")
        }
        return number
    }

    func bool(_ name: String) throws(MCPToolFailure) -> Bool? {
        switch values[name] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case .string("true")?: return true
        case .string("false")?: return false
        default: throw MCPToolFailure("'\(name)' must be true or false.")
        }
    }
}
