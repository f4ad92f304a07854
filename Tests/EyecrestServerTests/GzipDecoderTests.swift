import Foundation
import NIOCore
import Testing

@testable import EyecrestServer

@Suite("Import: gzip decoder")
struct GzipDecoderTests {
    /// Decodes `bytes` fed in pieces of `chunk`; the output, or the failure.
    static func decode(_ bytes: [UInt8], chunk: Int = 1_000) throws -> [UInt8] {
        var decoder = try GzipDecoder()
        var output: [UInt8] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            try decoder.decompress(ByteBuffer(bytes: bytes[start..<end])) { output += Array($0.readableBytesView) }
            start = end
        }
        try decoder.finish()
        return output
    }

    let text = Array(String(repeating: "eyecrest imports markdown. ", count: 20_000).utf8)

    @Test(arguments: [1, 13, 1_000, 1 << 20])
    func roundTripsInAnyChunking(chunk: Int) throws {
        #expect(try Self.decode(TarBuilder.gzip(text), chunk: chunk) == text)
    }

    /// Output comes in bounded pieces, however well the input compresses.
    @Test func outputPiecesAreBounded() throws {
        let zeros = [UInt8](repeating: 0, count: 5_000_000)
        var decoder = try GzipDecoder()
        var largest = 0
        var total = 0
        try decoder.decompress(ByteBuffer(bytes: TarBuilder.gzip(zeros))) {
            largest = max(largest, $0.readableBytes)
            total += $0.readableBytes
        }
        try decoder.finish()
        #expect(total == zeros.count && largest <= GzipDecoder.outputChunkSize)
    }

    /// Cut anywhere, even inside the 8-byte trailer after all the data: truncated.
    @Test func aCutStreamIsTruncated() throws {
        let compressed = TarBuilder.gzip(text)
        for cut in [0, 5, compressed.count / 2, compressed.count - 8, compressed.count - 1] {
            #expect(throws: GzipDecoder.Failure.truncated, "cut at \(cut)") { try Self.decode(Array(compressed.prefix(cut))) }
        }
    }

    @Test func damagedDataIsCorrupt() throws {
        #expect(throws: GzipDecoder.Failure.corrupt) { try Self.decode(Array("not gzip at all".utf8)) }
        var flipped = TarBuilder.gzip(text)
        // A flipped bit in the deflate data fails its decoding or the CRC-32 check.
        flipped[flipped.count / 2] ^= 0x40
        #expect(throws: GzipDecoder.Failure.corrupt) { try Self.decode(flipped) }
    }

    /// Concatenated members are one stream (as `gzip -d` reads them); zero padding after
    /// the end is ignored, other bytes are not.
    @Test func membersPaddingAndTrailingData() throws {
        let first = Array("first half, ".utf8)
        let second = Array("second half".utf8)
        #expect(try Self.decode(TarBuilder.gzip(first) + TarBuilder.gzip(second), chunk: 7) == first + second)
        #expect(try Self.decode(TarBuilder.gzip(first) + [UInt8](repeating: 0, count: 600)) == first)
        #expect(throws: GzipDecoder.Failure.trailingData) { try Self.decode(TarBuilder.gzip(first) + [0, 0, 1]) }
        #expect(throws: GzipDecoder.Failure.corrupt) { try Self.decode(TarBuilder.gzip(first) + Array("garbage".utf8)) }
    }
}
