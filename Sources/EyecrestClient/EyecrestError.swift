/// What a call of ``EyecrestClient`` can fail with.
public enum EyecrestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server answered with an error body `{"error", "code"}`.
    case server(status: Int, code: String, message: String)
    /// The server answered something that is not the API's JSON.
    case unexpectedResponse(status: Int, detail: String)
    /// The request never got an answer (connection refused, timeout, bad URL).
    case transport(String)

    /// The server's stable error code, if the server answered with one.
    public var code: String? {
        if case .server(_, let code, _) = self { return code }
        return nil
    }

    /// The HTTP status, if the server answered.
    public var status: Int? {
        switch self {
        case .server(let status, _, _), .unexpectedResponse(let status, _): status
        case .transport: nil
        }
    }

    public var description: String {
        switch self {
        case .server(let status, let code, let message): "\(message) (\(status) \(code))"
        case .unexpectedResponse(let status, let detail): "Unexpected response (\(status)): \(detail)"
        case .transport(let message): "Could not reach the server: \(message)"
        }
    }
}
