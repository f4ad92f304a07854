import CompressNIO
import NIOCore

/// Inflates a gzip stream chunk by chunk (zlib through compress-nio), handing out the
/// decompressed bytes in pieces of at most ``outputChunkSize``: memory stays bounded
/// however well the archive compresses, and the caller can count (and refuse) the
/// output as it appears.
///
/// Stricter than "inflate what arrives": ``finish()`` fails unless the last gzip member
/// ended with its trailer, whose CRC-32 and length zlib checks, so a stream cut anywhere,
/// even after the last tar block, is rejected. Several concatenated members (what
/// `pigz` or `cat a.gz b.gz` produce) are one stream, as for `gzip -d`; zero bytes after
/// the last member are ignored, anything else after them is an error.
///
/// Not `Sendable`: one decoder belongs to one import, in one task.
struct GzipDecoder {
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// Not gzip, or damaged (zlib's data, header or CRC check failed).
        case corrupt
        /// The stream ended before its gzip trailer.
        case truncated
        /// Bytes after the end of the gzip stream that are neither padding nor a member.
        case trailingData

        var description: String {
            switch self {
            case .corrupt: "the body is not valid gzip data (or it is damaged)"
            case .truncated: "the gzip stream is truncated"
            case .trailingData: "there is unexpected data after the end of the gzip stream"
            }
        }
    }

    static let outputChunkSize = 64 * 1024

    private let inflater: ZlibDecompressor
    /// The current member's trailer has been read.
    private var memberEnded = false
    /// Zero bytes were seen after a member: only more zeros may follow.
    private var inPadding = false

    init() throws(Failure) {
        do { inflater = try ZlibDecompressor(algorithm: .gzip) } catch { throw .corrupt }
    }

    /// Inflates `input`, calling `output` with each piece of decompressed bytes.
    mutating func decompress(_ input: ByteBuffer, output: (ByteBuffer) throws -> Void) throws {
        var input = input
        while true {
            if memberEnded {
                try startNextMember(&input)
                if memberEnded { return }
            }
            var piece = ByteBufferAllocator().buffer(capacity: Self.outputChunkSize)
            var outputFull = false
            do {
                try inflater.inflate(from: &input, to: &piece)
                // A normal return is either the end of the member (input may remain) or
                // all input consumed with room to spare; the probe tells which.
                memberEnded = input.readableBytes > 0 || probeEnded()
            } catch let error as CompressNIOError where error == .bufferOverflow {
                outputFull = true
            } catch let error as CompressNIOError where error == .inputBufferOverflow {
                // zlib needs more input than this chunk had: wait for the next one.
            } catch {
                throw Failure.corrupt
            }
            if piece.readableBytes > 0 { try output(piece) }
            if !outputFull, input.readableBytes == 0 { return }
        }
    }

    /// Call when the input is exhausted: throws unless the stream ended cleanly.
    func finish() throws(Failure) {
        guard memberEnded else { throw .truncated }
    }

    /// After a member: skips zero padding; anything else must be the next member.
    private mutating func startNextMember(_ input: inout ByteBuffer) throws(Failure) {
        while let byte = input.getInteger(at: input.readerIndex, as: UInt8.self), byte == 0 {
            input.moveReaderIndex(forwardBy: 1)
            inPadding = true
        }
        guard input.readableBytes > 0 else { return }
        guard !inPadding else { throw .trailingData }
        do { try inflater.reset() } catch { throw .corrupt }
        memberEnded = false
    }

    /// Whether zlib has reached the end of the member, asked without input: a finished
    /// stream answers Z_STREAM_END (a normal return), an unfinished one Z_BUF_ERROR with
    /// no input left (`inputBufferOverflow`). The input buffer is empty but allocated,
    /// because compress-nio hands zlib its base address.
    private func probeEnded() -> Bool {
        var empty = ByteBuffer(bytes: [0])
        empty.moveReaderIndex(forwardBy: 1)
        var sink = ByteBufferAllocator().buffer(capacity: 16)
        do {
            try inflater.inflate(from: &empty, to: &sink)
            return true
        } catch {
            return false
        }
    }
}
