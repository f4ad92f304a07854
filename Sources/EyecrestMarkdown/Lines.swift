/// The line table of a text file over its UTF-8 bytes: the one definition of "line N"
/// that the chunker's section line numbers, file slicing (`start`/`end` reads) and the
/// stored section byte ranges all share.
///
/// The rules: LF, CRLF and a lone CR each end a line; a leading UTF-8 BOM belongs to no
/// line; a final line without a newline is a line like any other; a trailing newline
/// does not create an extra line (so `"a\n"` and `"a"` both have one line, `""` none).
///
/// Why bytes: every stage of the chunker (frontmatter, headings, splitting, search text)
/// works on line slices of one contiguous byte buffer, which keeps it fast; Swift's
/// `Character` view would also see `"\r\n"` as one character that `"\n"` never splits.
/// `starts[i]..<ends[i]` is line `i + 1` without its terminator.
public struct LineTable: Sendable {
    var starts: [Int] = []
    var ends: [Int] = []
    /// True when some line ended in CR, so consecutive lines are not separated by a
    /// single `\n` in the buffer and joining must copy.
    var hasCR = false
    /// The size of the whole buffer, BOM and terminators included.
    public private(set) var byteCount = 0

    /// How many lines the file has.
    public var count: Int { starts.count }

    /// The line table of `content`'s UTF-8 bytes.
    public init(_ content: String) {
        self.init(utf8: content.utf8)
    }

    /// The line table of UTF-8 `bytes` (`[UInt8]`, `Data`, a string's `utf8` view).
    public init<Bytes: Collection<UInt8>>(utf8 bytes: Bytes) {
        if let table = bytes.withContiguousStorageIfAvailable(LineTable.init(buffer:)) {
            self = table
        } else {
            self = Array(bytes).withUnsafeBufferPointer(LineTable.init(buffer:))
        }
    }

    init(buffer buf: UnsafeBufferPointer<UInt8>) {
        let n = buf.count
        byteCount = n
        let bom = n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF
        var lineStart = bom ? 3 : 0
        var i = lineStart
        starts.reserveCapacity(n / 40 + 1)
        ends.reserveCapacity(n / 40 + 1)
        while i < n {
            let c = buf[i]
            if c == 10 {
                starts.append(lineStart); ends.append(i)
                i += 1; lineStart = i
            } else if c == 13 {
                starts.append(lineStart); ends.append(i)
                hasCR = true
                i += 1
                if i < n && buf[i] == 10 { i += 1 }
                lineStart = i
            } else {
                i += 1
            }
        }
        if lineStart < n {
            starts.append(lineStart); ends.append(n)
        }
    }

    /// The text of every line of `content`, without terminators.
    public static func lines(of content: String) -> [String] {
        let bytes = Array(content.utf8)
        let table = LineTable(utf8: bytes)
        return zip(table.starts, table.ends).map { String(decoding: bytes[$0..<$1], as: UTF8.self) }
    }

    /// The byte where 1-based `line` starts; past the last line, the end of the buffer.
    /// Lines `a...b` of the file, terminators included, are the bytes
    /// `startByte(ofLine: a)..<startByte(ofLine: b + 1)`.
    public func startByte(ofLine line: Int) -> Int {
        guard count > 0, line <= count else { return byteCount }
        return starts[max(1, line) - 1]
    }

    /// UTF-8 length of line `i` (0-based) without terminator.
    @inline(__always) func length(_ i: Int) -> Int { ends[i] - starts[i] }

    /// Appends lines `range` joined with `\n` (no trailing newline) to `out`.
    func appendJoined(_ buf: UnsafeBufferPointer<UInt8>, lines range: ClosedRange<Int>, to out: inout [UInt8]) {
        if !hasCR {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[starts[range.lowerBound]..<ends[range.upperBound]]))
            return
        }
        for i in range {
            if i != range.lowerBound { out.append(10) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[starts[i]..<ends[i]]))
        }
    }

    /// The raw text of lines `range` joined with `\n`.
    func text(_ buf: UnsafeBufferPointer<UInt8>, lines range: ClosedRange<Int>) -> String {
        if !hasCR {
            return String(decoding: UnsafeBufferPointer(rebasing: buf[starts[range.lowerBound]..<ends[range.upperBound]]), as: UTF8.self)
        }
        var out: [UInt8] = []
        appendJoined(buf, lines: range, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Byte classification helpers shared by all scanners (ASCII only; bytes >= 0x80 are
/// parts of non-ASCII scalars and are treated like letters).
enum Bytes {
    static let space: UInt8 = 32, tab: UInt8 = 9, newline: UInt8 = 10, cr: UInt8 = 13

    @inline(__always) static func isSpaceOrTab(_ c: UInt8) -> Bool { c == 32 || c == 9 }
    @inline(__always) static func isWhitespace(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
    @inline(__always) static func isLower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { isUpper(c) || isLower(c) }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }
    /// ASCII punctuation as defined by CommonMark.
    @inline(__always) static func isPunct(_ c: UInt8) -> Bool {
        (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)
    }

    /// Indentation of the line in columns (tab stops of 4) and the index of the first
    /// non-space byte.
    @inline(__always)
    static func indent(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (columns: Int, first: Int) {
        var p = start, col = 0
        while p < end {
            let c = buf[p]
            if c == 32 { col += 1 } else if c == 9 { col += 4 - col % 4 } else { break }
            p += 1
        }
        return (col, p)
    }

    /// True when `buf[at...]` starts with `lit` (within `end`).
    @inline(__always)
    static func hasPrefix(_ buf: UnsafeBufferPointer<UInt8>, _ at: Int, _ end: Int, _ lit: StaticString) -> Bool {
        let n = lit.utf8CodeUnitCount
        if at + n > end { return false }
        let p = lit.utf8Start
        for k in 0..<n where buf[at + k] != p[k] { return false }
        return true
    }

    /// Index of the first occurrence of `lit` in `buf[from..<end]`, or nil.
    static func find(_ buf: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int, _ lit: StaticString) -> Int? {
        let n = lit.utf8CodeUnitCount
        guard n > 0 else { return from }
        let first = lit.utf8Start[0]
        var i = from
        while i + n <= end {
            if buf[i] == first && hasPrefix(buf, i, end, lit) { return i }
            i += 1
        }
        return nil
    }

    /// Trims ASCII whitespace from both ends of `buf[start..<end]`.
    @inline(__always)
    static func trim(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var s = start, e = end
        while s < e && isWhitespace(buf[s]) { s += 1 }
        while e > s && isWhitespace(buf[e - 1]) { e -= 1 }
        return (s, e)
    }
}

extension Array where Element == UInt8 {
    /// Runs `body` over the bytes; `[UInt8]` always has contiguous storage.
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeBufferPointer(body)
    }
}
