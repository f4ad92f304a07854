/// One entry of a tar archive as ``TarReader`` reports it: the header's fields, with the
/// names that GNU long-name (`L`/`K`) and pax (`x`/`g`) headers carry already applied.
struct TarEntry: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case file
        case directory
        case symlink
        case hardLink
        case characterDevice
        case blockDevice
        case fifo
        /// A type flag this reader does not interpret (GNU sparse `S`, volume labels, …);
        /// its data, if any, is reported like a file's.
        case other(UInt8)
    }

    /// The stored path bytes. Tar does not promise an encoding; pax says UTF-8.
    var pathBytes: [UInt8]
    var kind: Kind
    /// Bytes of data that follow the header (0 for links, directories and devices,
    /// whatever their size field says: POSIX stores no data for them).
    var size: Int
    var linkTarget: [UInt8]

    /// The path, or nil when its bytes are not UTF-8.
    var path: String? { String(validating: pathBytes, as: UTF8.self) }
    /// The path for messages, with invalid bytes replaced.
    var displayPath: String { String(decoding: pathBytes, as: UTF8.self) }
}

/// Why a tar stream could not be read. Every case means the archive is broken; none
/// depends on the caller's limits (those are checked by the consumer of the entries).
enum TarError: Error, Equatable, CustomStringConvertible {
    /// A header whose checksum does not match: not a tar stream, or a corrupt one.
    case badChecksum(offset: Int)
    /// A header field that is not a number where one is required, a negative size, ….
    case invalidHeader(String)
    /// The stream ended inside an entry or before the end-of-archive marker.
    case truncated
    /// A GNU long name or pax header larger than ``TarReader/maxMetadataBytes``.
    case metadataTooLarge(Int)

    var description: String {
        switch self {
        case .badChecksum(let offset): "the tar header at byte \(offset) has a bad checksum (not a tar archive, or a corrupt one)"
        case .invalidHeader(let detail): "a tar header is invalid: \(detail)"
        case .truncated: "the tar archive is truncated (it ends before its end-of-archive marker)"
        case .metadataTooLarge(let size): "a tar long-name or pax header of \(size) bytes is larger than allowed"
        }
    }
}

/// Parsing of one 512-byte header block (POSIX ustar, GNU and v7 layouts).
///
/// Layout (offsets in bytes): name 0–99, mode, uid, gid, size 124–135, mtime, checksum
/// 148–155, type flag 156, link name 157–256, magic 257–262 (`ustar\0` POSIX, `ustar ` GNU),
/// version, owner names, device numbers, and the POSIX prefix 345–499 that is joined
/// to the name with `/` (GNU uses that area for other things, so only POSIX gets it).
struct TarHeader {
    static let blockSize = 512

    var name: [UInt8]
    var linkName: [UInt8]
    var typeFlag: UInt8
    var size: Int

    /// True for the all-zero block that marks the end of an archive.
    static func isZeroBlock(_ block: [UInt8]) -> Bool { block.allSatisfy { $0 == 0 } }

    /// Parses and checksums a block. `offset` only names the block in errors.
    init(block: [UInt8], offset: Int) throws(TarError) {
        guard block.count == Self.blockSize else { throw .invalidHeader("a header block of \(block.count) bytes") }
        guard let stored = try? Self.number(block[148..<156]), Self.checksumMatches(block, stored) else {
            throw .badChecksum(offset: offset)
        }
        name = Self.string(block[0..<100])
        linkName = Self.string(block[157..<257])
        typeFlag = block[156]
        do { size = try Self.number(block[124..<136]) } catch { throw .invalidHeader("the size field of '\(String(decoding: name, as: UTF8.self))' is not a number") }
        let isPOSIX = block[257..<263].elementsEqual("ustar\0".utf8)
        let prefix = Self.string(block[345..<500])
        if isPOSIX, !prefix.isEmpty { name = prefix + [UInt8(ascii: "/")] + name }
    }

    /// The checksum is the sum of the header's bytes with the checksum field read as
    /// spaces. Old writers summed signed chars, so both sums are accepted.
    private static func checksumMatches(_ block: [UInt8], _ stored: Int) -> Bool {
        var unsigned = 0
        var signed = 0
        for (index, byte) in block.enumerated() {
            let value = (148..<156).contains(index) ? UInt8(ascii: " ") : byte
            unsigned += Int(value)
            signed += Int(Int8(bitPattern: value))
        }
        return stored == unsigned || stored == signed
    }

    /// The bytes of a NUL-terminated field.
    private static func string(_ field: ArraySlice<UInt8>) -> [UInt8] {
        Array(field.prefix { $0 != 0 })
    }

    /// A numeric field: octal digits padded with spaces or NULs, or (GNU, for values that
    /// do not fit) base-256 big-endian with the top bit of the first byte set.
    static func number(_ field: ArraySlice<UInt8>) throws(TarError) -> Int {
        guard let first = field.first else { return 0 }
        if first & 0x80 != 0 {
            // 0xFF marks a negative base-256 number: never a valid size.
            guard first != 0xFF else { throw .invalidHeader("a negative number") }
            var value = Int(first & 0x7F)
            for byte in field.dropFirst() {
                guard value <= (Int.max >> 8) else { throw .invalidHeader("a number too large") }
                value = value << 8 | Int(byte)
            }
            return value
        }
        var value = 0
        var digits = field.drop { $0 == UInt8(ascii: " ") || $0 == 0 }
        while let byte = digits.first, byte != 0, byte != UInt8(ascii: " ") {
            guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) else { throw .invalidHeader("a number with a non-octal digit") }
            guard value <= (Int.max >> 3) else { throw .invalidHeader("a number too large") }
            value = value << 3 | Int(byte - UInt8(ascii: "0"))
            digits = digits.dropFirst()
        }
        // Only padding may follow the digits.
        guard digits.allSatisfy({ $0 == 0 || $0 == UInt8(ascii: " ") }) else { throw .invalidHeader("a number with trailing garbage") }
        return value
    }
}
