import NIOCore

/// An incremental tar parser: bytes go in as they arrive (``append(_:)``), events come out
/// (``next()``) as soon as the bytes for them are there, so an archive of any size is read
/// with memory for one header plus whatever the caller keeps. No I/O, no limits of its
/// own beyond a bound on metadata headers: the caller decides what to keep and when an
/// archive is too big.
///
/// Reads POSIX ustar (with its name prefix), GNU tar (long names `L` and long link names
/// `K`, base-256 sizes) and pax (`x` headers for the next entry, `g` for all that follow;
/// keys `path`, `linkpath`, `size`). Those metadata headers are consumed here; callers
/// only see the entries they describe.
///
/// Events, for each entry: `.entry`, then `.data` chunks adding up to its `size`, then
/// `.entryEnd`; after the last entry, `.end` once the end-of-archive marker (a zero block)
/// arrives. ``finish()`` says whether the stream was complete.
struct TarReader {
    enum Event: Equatable {
        case entry(TarEntry)
        /// The next bytes of the current entry's data; a slice, valid after later calls.
        case data(ByteBuffer)
        case entryEnd
        /// The end-of-archive marker. Whatever follows (the second zero block, padding to
        /// the record size) is read and ignored.
        case end
    }

    /// The largest GNU long-name or pax header accepted: real ones are a few hundred
    /// bytes, and each is held in memory whole.
    static let maxMetadataBytes = 1 << 20

    private enum State {
        case header
        /// Data of the current entry, then padding to the next block.
        case data(remaining: Int, padding: Int)
        /// Data of a metadata header (`L`, `K`, `x`, `g`) being collected.
        case metadata(flag: UInt8, remaining: Int, padding: Int)
        case skip(Int)
        case ended
    }

    private var buffer = ByteBuffer()
    private var state = State.header
    /// Bytes consumed so far, for error messages.
    private var offset = 0
    private var collected: [UInt8] = []
    // What metadata headers said about the next entry (or, for global pax, all of them).
    private var longName: [UInt8]?
    private var longLink: [UInt8]?
    private var paxLocal: [String: [UInt8]] = [:]
    private var paxGlobal: [String: [UInt8]] = [:]

    init() {}

    /// Adds the next bytes of the stream.
    mutating func append(_ bytes: ByteBuffer) {
        if buffer.readableBytes == 0 {
            buffer = bytes
        } else {
            var bytes = bytes
            buffer.discardReadBytes()
            buffer.writeBuffer(&bytes)
        }
    }

    /// The next event, or nil when more bytes are needed (or the archive has ended).
    mutating func next() throws(TarError) -> Event? {
        while true {
            switch state {
            case .ended:
                consume(buffer.readableBytes)
                return nil
            case .skip(let count):
                let skipped = min(count, buffer.readableBytes)
                consume(skipped)
                guard skipped == count else {
                    state = .skip(count - skipped)
                    return nil
                }
                state = .header
            case .data(let remaining, let padding):
                if remaining == 0 {
                    state = .skip(padding)
                    return .entryEnd
                }
                let count = min(remaining, buffer.readableBytes)
                guard count > 0, let slice = buffer.readSlice(length: count) else { return nil }
                offset += count
                state = .data(remaining: remaining - count, padding: padding)
                return .data(slice)
            case .metadata(let flag, let remaining, let padding):
                let count = min(remaining, buffer.readableBytes)
                if count > 0, let bytes = buffer.readBytes(length: count) {
                    offset += count
                    collected += bytes
                }
                guard count == remaining else {
                    state = .metadata(flag: flag, remaining: remaining - count, padding: padding)
                    return nil
                }
                try applyMetadata(flag: flag, collected)
                collected = []
                state = .skip(padding)
            case .header:
                guard let block = buffer.readBytes(length: TarHeader.blockSize) else { return nil }
                let blockOffset = offset
                offset += TarHeader.blockSize
                if TarHeader.isZeroBlock(block) {
                    state = .ended
                    return .end
                }
                let header = try TarHeader(block: block, offset: blockOffset)
                if let event = try begin(header) { return event }
            }
        }
    }

    /// Call when the input is exhausted: throws ``TarError/truncated`` unless the
    /// end-of-archive marker was read.
    func finish() throws(TarError) {
        guard case .ended = state else { throw .truncated }
    }

    /// Starts an entry (returning its event) or a metadata header (returning nil).
    private mutating func begin(_ header: TarHeader) throws(TarError) -> Event? {
        switch header.typeFlag {
        case UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x"), UInt8(ascii: "g"):
            guard header.size <= Self.maxMetadataBytes else { throw .metadataTooLarge(header.size) }
            state = .metadata(flag: header.typeFlag, remaining: header.size, padding: Self.padding(header.size))
            return nil
        default:
            let pax = paxGlobal.merging(paxLocal) { _, local in local }
            var kind = Self.kind(header.typeFlag)
            let path = Self.nonEmpty(paxLocal["path"]) ?? longName ?? Self.nonEmpty(paxGlobal["path"]) ?? header.name
            // Pre-POSIX writers marked directories by a trailing slash alone.
            if kind == .file, path.last == UInt8(ascii: "/") { kind = .directory }
            let declared = try PaxRecords.size(pax) ?? header.size
            // POSIX: links, directories and devices have no data, whatever `size` says.
            let size: Int
            switch kind {
            case .file, .other: size = declared
            default: size = 0
            }
            let link = Self.nonEmpty(paxLocal["linkpath"]) ?? longLink ?? Self.nonEmpty(paxGlobal["linkpath"]) ?? header.linkName
            longName = nil
            longLink = nil
            paxLocal = [:]
            state = .data(remaining: size, padding: Self.padding(size))
            return .entry(TarEntry(pathBytes: path, kind: kind, size: size, linkTarget: link))
        }
    }

    private mutating func applyMetadata(flag: UInt8, _ bytes: [UInt8]) throws(TarError) {
        switch flag {
        // GNU long names are NUL-terminated inside their data.
        case UInt8(ascii: "L"): longName = Array(bytes.prefix { $0 != 0 })
        case UInt8(ascii: "K"): longLink = Array(bytes.prefix { $0 != 0 })
        case UInt8(ascii: "x"): paxLocal = try PaxRecords.parse(bytes)
        default: paxGlobal.merge(try PaxRecords.parse(bytes)) { _, new in new }
        }
    }

    private mutating func consume(_ count: Int) {
        buffer.moveReaderIndex(forwardBy: count)
        offset += count
    }

    /// An empty pax value means "not set": the next source of the name applies.
    private static func nonEmpty(_ value: [UInt8]?) -> [UInt8]? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// Data is padded with zeros to a whole block.
    private static func padding(_ size: Int) -> Int {
        (TarHeader.blockSize - size % TarHeader.blockSize) % TarHeader.blockSize
    }

    private static func kind(_ flag: UInt8) -> TarEntry.Kind {
        switch flag {
        // '7' is a contiguous file: a regular file to every modern reader.
        case UInt8(ascii: "0"), 0, UInt8(ascii: "7"): .file
        case UInt8(ascii: "1"): .hardLink
        case UInt8(ascii: "2"): .symlink
        case UInt8(ascii: "3"): .characterDevice
        case UInt8(ascii: "4"): .blockDevice
        case UInt8(ascii: "5"): .directory
        case UInt8(ascii: "6"): .fifo
        default: .other(flag)
        }
    }
}
