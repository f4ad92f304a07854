import Foundation
import NIOCore
import Testing

@testable import EyecrestServer

/// The incremental tar parser on its own: formats, chunking, and broken input.
@Suite("Import: tar reader")
struct TarReaderTests {
    /// An entry with its data, as the events describe it.
    struct Read: Equatable {
        var entry: TarEntry
        var data: [UInt8]
    }

    /// Feeds `bytes` in pieces of `chunk` bytes and collects entries; `ended` is whether
    /// the end marker arrived and ``TarReader/finish()`` accepted the stream.
    static func read(_ bytes: [UInt8], chunk: Int = 4096) throws -> (entries: [Read], ended: Bool) {
        var reader = TarReader()
        var entries: [Read] = []
        var start = 0
        repeat {
            let end = min(bytes.count, start + chunk)
            reader.append(ByteBuffer(bytes: bytes[start..<end]))
            start = end
            while let event = try reader.next() {
                switch event {
                case .entry(let entry): entries.append(Read(entry: entry, data: []))
                case .data(let buffer): entries[entries.count - 1].data += Array(buffer.readableBytesView)
                case .entryEnd: #expect(entries.last.map { $0.data.count == $0.entry.size } == true)
                case .end: break
                }
            }
        } while start < bytes.count
        let ended = (try? reader.finish()) != nil
        return (entries, ended)
    }

    @Test func readsUstarEntriesOfEveryKind() throws {
        var tar = TarBuilder()
        tar.directory("docs/")
        tar.file("docs/a.md", "# A\n\nalpha\n")
        tar.file("docs/empty.md", "")
        tar.symlink("docs/link.md", to: "a.md")
        tar.hardLink("docs/hard.md", to: "docs/a.md")
        tar.characterDevice("dev/null")
        tar.end()
        let (entries, ended) = try Self.read(tar.bytes)
        #expect(ended)
        #expect(entries.map(\.entry.path) == ["docs/", "docs/a.md", "docs/empty.md", "docs/link.md", "docs/hard.md", "dev/null"])
        #expect(entries.map(\.entry.kind) == [.directory, .file, .file, .symlink, .hardLink, .characterDevice])
        #expect(entries[1].data == Array("# A\n\nalpha\n".utf8))
        #expect(entries[3].entry.linkTarget == Array("a.md".utf8))
    }

    /// Every split of the stream gives the same entries, down to one byte at a time.
    @Test(arguments: [1, 7, 511, 512, 513, 100_000])
    func chunkingDoesNotMatter(chunk: Int) throws {
        var tar = TarBuilder()
        tar.file("a.md", String(repeating: "x", count: 1_000))
        tar.gnuLongNameFile("long/" + String(repeating: "n", count: 150) + ".md", "long")
        tar.pax([("path", "pax/ünïcode name.md")])
        tar.file("ignored-name", "pax")
        tar.end()
        let whole = try Self.read(tar.bytes, chunk: tar.bytes.count)
        let pieces = try Self.read(tar.bytes, chunk: chunk)
        #expect(pieces.ended && whole.ended)
        #expect(pieces.entries == whole.entries)
        #expect(whole.entries.map(\.entry.path) == ["a.md", "long/" + String(repeating: "n", count: 150) + ".md", "pax/ünïcode name.md"])
        #expect(whole.entries[0].data.count == 1_000)
    }

    @Test func joinsThePOSIXPrefix() throws {
        var tar = TarBuilder()
        tar.file("b.md", "b", prefix: "very/deep/folder")
        tar.end()
        #expect(try Self.read(tar.bytes).entries.map(\.entry.path) == ["very/deep/folder/b.md"])
    }

    /// A global pax header applies to every entry after it; a local one wins for its entry.
    @Test func paxHeadersApplyLocallyAndGlobally() throws {
        var tar = TarBuilder()
        tar.pax([("comment", "0123456789abcdef")], global: true)  // what GitHub writes
        tar.file("plain.md", "p")
        tar.pax([("path", "from-pax.md"), ("mtime", "1700000000.5")])
        tar.file("from-header.md", "x")
        tar.file("after.md", "a")
        tar.end()
        #expect(try Self.read(tar.bytes).entries.map(\.entry.path) == ["plain.md", "from-pax.md", "after.md"])
    }

    /// A size too large for octal digits is written in GNU base-256.
    @Test func readsBase256Sizes() throws {
        var tar = TarBuilder()
        tar.headerOnly("huge.bin", size: 1 << 40)
        var reader = TarReader()
        reader.append(ByteBuffer(bytes: tar.bytes))
        guard case .entry(let entry)? = try reader.next() else {
            Issue.record("no entry")
            return
        }
        #expect(entry.size == 1 << 40)
        #expect(throws: TarError.truncated) { try reader.finish() }
    }

    @Test func rejectsABadChecksum() throws {
        var tar = TarBuilder()
        tar.file("a.md", "a")
        tar.end()
        var bytes = tar.bytes
        bytes[10] ^= 0x01
        #expect(throws: TarError.badChecksum(offset: 0)) { try Self.read(bytes) }
        // Random bytes are not a tar archive.
        #expect(throws: TarError.self) { try Self.read((0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }) }
    }

    @Test func aStreamCutAnywhereIsTruncated() throws {
        var tar = TarBuilder()
        tar.file("a.md", String(repeating: "a", count: 700))
        tar.file("b.md", "b")
        tar.end()
        // Inside a header, inside data, inside padding, and right before the end marker.
        for cut in [100, 700, 1_300, 2_048] {
            let (_, ended) = try Self.read(Array(tar.bytes.prefix(cut)))
            #expect(!ended, "cut at \(cut)")
        }
        #expect(try Self.read(tar.bytes).ended)
    }

    @Test func refusesOversizedAndMalformedMetadata() throws {
        var huge = TarBuilder()
        huge.raw(TarBuilder.header(name: Array("././@LongLink".utf8), size: TarReader.maxMetadataBytes + 1, typeFlag: UInt8(ascii: "L")))
        #expect(throws: TarError.metadataTooLarge(TarReader.maxMetadataBytes + 1)) { try Self.read(huge.bytes) }

        var malformed = TarBuilder()
        let record = Array("99 path=x.md\n".utf8)
        malformed.raw(TarBuilder.header(name: Array("pax".utf8), size: record.count, typeFlag: UInt8(ascii: "x")) + TarBuilder.padded(record))
        malformed.file("x.md", "x")
        malformed.end()
        #expect(throws: TarError.invalidHeader("a malformed pax record")) { try Self.read(malformed.bytes) }
    }

    /// The real corpus, through the gzip decoder in odd-sized pieces: the same entries
    /// as GNU tar lists.
    @Test func readsTheRustBookLikeGNUTar() throws {
        let archive = try Data(contentsOf: corpusArchive("rust-book"))
        var gzip = try GzipDecoder()
        var reader = TarReader()
        var paths: [String] = []
        var dataBytes = 0
        var offset = 0
        while offset < archive.count {
            let piece = archive[offset..<min(archive.count, offset + 3_001)]
            offset += piece.count
            try gzip.decompress(ByteBuffer(bytes: piece)) { output in
                reader.append(output)
                while let event = try reader.next() {
                    if case .entry(let entry) = event { paths.append(entry.path ?? "?") }
                    if case .data(let buffer) = event { dataBytes += buffer.readableBytes }
                }
            }
        }
        try gzip.finish()
        try reader.finish()
        let listed = try gnuTarListing(corpusArchive("rust-book"))
        #expect(paths == listed)
        #expect(dataBytes > 2_000_000)
    }
}

/// `tar -tzf`'s listing of an archive.
func gnuTarListing(_ archive: URL) throws -> [String] {
    let listing = FileManager.default.temporaryDirectory.appendingPathComponent("tar-listing-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: listing.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: listing) }
    let output = try FileHandle(forWritingTo: listing)
    let process = try ChildProcess(executable: "/usr/bin/env", arguments: ["tar", "-tzf", archive.path], standardOutput: output)
    try? output.close()
    process.waitUntilExit()
    return String(decoding: try Data(contentsOf: listing), as: UTF8.self).split(separator: "\n").map(String.init)
}
