import Foundation
import Hummingbird
import NIOCore

/// Reads a JSON request body with the API's rules: `Content-Type` must be JSON (415),
/// the body must fit the configured limit (413), and malformed or mistyped JSON is a 400
/// with a code that says which. Hummingbird's own decoding would answer all of these with
/// its generic error body, so routes use this instead.
enum JSONBody {
    /// Decodes a required body.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        guard let value = try await decodeIfPresent(type, from: request, limit: limit) else {
            throw APIError.invalidJSON("The request body is empty; a JSON object is expected.")
        }
        return value
    }

    /// Decodes an optional body: nil when the request has none.
    static func decodeIfPresent<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T? {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError.payloadTooLarge(limit)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.payloadTooLarge(limit)
        }
        guard buffer.readableBytes > 0 else { return nil }
        guard isJSON(request.headers[.contentType]) else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type", "The request body must be sent as Content-Type: application/json.")
        }
        let data = Data(buffer: buffer)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            // Foundation reports some type errors (1.5 for an integer) as corrupted data
            // without a path; if the text parses as JSON, the JSON is fine and a field is not.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
                (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil
            {
                throw APIError(.badRequest, code: "invalid_field", "A field has a value of the wrong type or range.")
            }
            throw map(error)
        }
    }

    /// `application/json` or any `application/<x>+json`, parameters such as charset ignored.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let mediaType = mediaType(contentType) else { return false }
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }

    /// The media type of a `Content-Type`, lower-cased, without parameters such as charset.
    static func mediaType(_ contentType: String?) -> String? {
        contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    static func map(_ error: DecodingError) -> APIError {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .invalidJSON("The request body is not valid JSON.")
        case .dataCorrupted(let context):
            return APIError(.badRequest, code: "invalid_field", "Field '\(path(context.codingPath))' has an invalid value.")
        case .keyNotFound(let key, let context):
            return APIError(.badRequest, code: "missing_field", "Field '\(path(context.codingPath + [key]))' is required.")
        case .valueNotFound(let type, let context):
            return APIError(.badRequest, code: "invalid_field", "Field '\(path(context.codingPath))' must not be null (expected \(describe(type))).")
        case .typeMismatch(let type, let context) where context.codingPath.isEmpty:
            return .invalidJSON("The request body must be a JSON \(describe(type)).")
        case .typeMismatch(let type, let context):
            return APIError(.badRequest, code: "invalid_field", "Field '\(path(context.codingPath))' must be \(describe(type)).")
        @unknown default:
            return .invalidJSON("The request body could not be decoded.")
        }
    }

    /// `files[2].weight`, the way a caller would write it.
    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.reduce(into: "") { result, key in
            if let index = key.intValue { result += "[\(index)]" } else { result += (result.isEmpty ? "" : ".") + key.stringValue }
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Double.Type: "a number"
        case is [Any].Type: "an array"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
