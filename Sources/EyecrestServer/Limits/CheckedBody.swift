import Hummingbird
import NIOCore
import NIOHTTP1

/// A request body that fails with 408 `request_timeout` when its connection closes before
/// it is complete (a client gone, or closed by the body timeout), so the route stores
/// nothing: Hummingbird would end such a body quietly, as if complete, or fail it with
/// the HTTP decoder's error (a 500). A chunked body reserves its bytes from the memory
/// budget as they arrive.
struct CheckedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let expectedLength: Int?
    let reservation: ChunkedBodyReservation?

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let expectedLength: Int?
        let reservation: ChunkedBodyReservation?
        var received = 0

        mutating func next() async throws -> ByteBuffer? {
            let next: ByteBuffer?
            do {
                next = try await base.next()
            } catch let error as HTTPParserError {
                // The decoder's word for a connection closed mid-body; anything else is malformed framing.
                throw error == .invalidEOFState ? APIError.bodyNotReceived : APIError(.badRequest, code: "bad_request", "The request body is not valid HTTP/1.1 framing.")
            }
            guard let chunk = next else {
                if let expectedLength, received < expectedLength { throw APIError.bodyNotReceived }
                return nil
            }
            received += chunk.readableBytes
            try reservation?.take(chunk.readableBytes)
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), expectedLength: expectedLength, reservation: reservation)
    }
}
