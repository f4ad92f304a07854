import CompressNIO
import Foundation
import NIOCore

/// Builds tar archives in memory, header by header, for tests: regular POSIX ustar
/// entries, GNU long names, pax headers, links, devices, and deliberately broken ones.
/// Independent of the reader under test (only the format's documents were followed).
struct TarBuilder {
    private(set) var bytes: [UInt8] = []

    /// A regular file (POSIX ustar; `prefix` goes in the header's prefix field).
    mutating func file(_ path: String, _ content: String, prefix: String = "") {
        file(path, Array(content.utf8), prefix: prefix)
    }

    mutating func file(_ path: String, _ content: [UInt8], prefix: String = "", typeFlag: UInt8 = UInt8(ascii: "0")) {
        bytes += Self.header(name: Array(path.utf8), size: content.count, typeFlag: typeFlag, prefix: Array(prefix.utf8))
        bytes += Self.padded(content)
    }

    /// A header that declares `size` bytes of data, followed by none of them.
    mutating func headerOnly(_ path: String, size: Int) {
        bytes += Self.header(name: Array(path.utf8), size: size, typeFlag: UInt8(ascii: "0"))
    }

    mutating func directory(_ path: String) {
        bytes += Self.header(name: Array(path.utf8), size: 0, typeFlag: UInt8(ascii: "5"))
    }

    mutating func symlink(_ path: String, to target: String) {
        bytes += Self.header(name: Array(path.utf8), size: 0, typeFlag: UInt8(ascii: "2"), linkName: Array(target.utf8))
    }

    mutating func hardLink(_ path: String, to target: String) {
        bytes += Self.header(name: Array(path.utf8), size: 0, typeFlag: UInt8(ascii: "1"), linkName: Array(target.utf8))
    }

    mutating func characterDevice(_ path: String) {
        bytes += Self.header(name: Array(path.utf8), size: 0, typeFlag: UInt8(ascii: "3"))
    }

    /// A GNU long name (`././@LongLink`, type `L`) for a file whose own header holds only
    /// the first 99 bytes of it.
    mutating func gnuLongNameFile(_ path: String, _ content: String) {
        let name = Array(path.utf8) + [0]
        bytes += Self.header(name: Array("././@LongLink".utf8), size: name.count, typeFlag: UInt8(ascii: "L"), magic: .gnu)
        bytes += Self.padded(name)
        bytes += Self.header(name: Array(path.utf8.prefix(99)), size: content.utf8.count, typeFlag: UInt8(ascii: "0"), magic: .gnu)
        bytes += Self.padded(Array(content.utf8))
    }

    /// A pax extended header: `x` for the next entry, `g` (global) for all that follow.
    mutating func pax(_ records: [(String, String)], global: Bool = false) {
        var data: [UInt8] = []
        for (key, value) in records {
            let body = " \(key)=\(value)\n"
            // The length counts its own digits: find the fixed point.
            var length = body.utf8.count + 1
            while String(length).count + body.utf8.count != length { length = String(length).count + body.utf8.count }
            data += Array("\(length)\(body)".utf8)
        }
        let flag = global ? UInt8(ascii: "g") : UInt8(ascii: "x")
        bytes += Self.header(name: Array("PaxHeaders/x".utf8), size: data.count, typeFlag: flag)
        bytes += Self.padded(data)
    }

    /// The end-of-archive marker: two zero blocks.
    mutating func end() { bytes += [UInt8](repeating: 0, count: 1024) }

    /// Appends raw bytes (for broken archives).
    mutating func raw(_ more: [UInt8]) { bytes += more }

    var gzipped: [UInt8] { Self.gzip(bytes) }

    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var buffer = ByteBuffer(bytes: bytes)
        // Compressing a buffer we own cannot fail short of memory exhaustion.
        let compressed = (try? buffer.compress(with: .gzip())) ?? ByteBuffer()
        return Array(compressed.readableBytesView)
    }

    enum Magic { case posix, gnu }

    static func header(
        name: [UInt8], size: Int, typeFlag: UInt8, linkName: [UInt8] = [], prefix: [UInt8] = [], magic: Magic = .posix
    ) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int, width: Int) {
            for (index, byte) in bytes.prefix(width).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            put(Array(String(String(value, radix: 8).suffix(width - 1)).leftPadded(to: width - 1).utf8) + [0], at: offset, width: width)
        }
        put(name, at: 0, width: 100)
        octal(0o644, at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        if size < 0o77777777777 {
            octal(size, at: 124, width: 12)
        } else {
            // GNU base-256: top bit set, big-endian.
            var value = size
            for index in stride(from: 135, through: 125, by: -1) {
                block[index] = UInt8(value & 0xFF)
                value >>= 8
            }
            block[124] = 0x80
        }
        octal(1_700_000_000, at: 136, width: 12)
        block[156] = typeFlag
        put(linkName, at: 157, width: 100)
        switch magic {
        case .posix: put(Array("ustar\u{0}00".utf8), at: 257, width: 8)
        case .gnu: put(Array("ustar  \u{0}".utf8), at: 257, width: 8)
        }
        put(prefix, at: 345, width: 155)
        // The checksum is computed with its own field as spaces.
        for index in 148..<156 { block[index] = UInt8(ascii: " ") }
        let sum = block.reduce(0) { $0 + Int($1) }
        put(Array(String(String(sum, radix: 8)).leftPadded(to: 6).utf8) + [0, UInt8(ascii: " ")], at: 148, width: 8)
        return block
    }

    static func padded(_ data: [UInt8]) -> [UInt8] {
        data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// The shared corpora (`../shared/corpus/<name>.tar.gz`).
func corpusArchive(_ name: String) -> URL {
    packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/\(name).tar.gz")
}
