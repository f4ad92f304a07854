import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import EyecrestServer

/// Broken, hostile and unreachable archives: each is a clear 4xx with a code, and the
/// dataset is exactly as it was (it holds one file beforehand, to show that nothing is
/// removed or added either).
@Suite("Import: bad input")
struct ImportBadInputTests {
    /// Runs `body` against a dataset `target` that holds `keep.md`, then checks that the
    /// dataset still holds exactly that file, unchanged.
    func withSeededDataset(
        configure: (inout ServerConfiguration) -> Void = { _ in }, _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await withTestServer(configure: configure) { client in
            try await client.seed("target", [("keep.md", "# Keep\n\nStill here.\n")], shards: 2)
            try await body(client)
            #expect(try await client.filenames("target") == ["keep.md"])
            let kept = try await client.call(.get, "/v1/datasets/target/files/keep.md")
            #expect(kept["content"] as? String == "# Keep\n\nStill here.\n")
        }
    }

    @Test func corruptGzipIsRejected() async throws {
        var bytes = try corpusBytes("rust-book")
        bytes[bytes.count / 2] ^= 0xFF
        bytes[bytes.count / 2 + 1] ^= 0xFF
        let damaged = bytes
        try await withSeededDataset { client in
            expectError(try await client.importArchive("target", damaged), .badRequest, "invalid_archive")
            expectError(try await client.importArchive("target", Array("# just markdown, not gzip\n".utf8)), .badRequest, "invalid_archive")
            expectError(try await client.importArchive("target", []), .badRequest, "invalid_archive")
        }
    }

    /// A gzip stream cut short, and a whole gzip stream of a tar cut short: both fail,
    /// although the entries before the cut were fine.
    @Test func truncatedArchivesAreRejected() async throws {
        let archive = try corpusBytes("rust-book")
        var tar = TarBuilder()
        for index in 0..<20 { tar.file("book/ch\(index).md", "# Chapter \(index)\n\n" + String(repeating: "text ", count: 300)) }
        tar.end()
        let cutTar = TarBuilder.gzip(Array(tar.bytes.prefix(tar.bytes.count / 2)))
        let noEndMarker = TarBuilder.gzip(Array(tar.bytes.dropLast(1024)))
        try await withSeededDataset(configure: { $0.allowPrivateImportURLs = true }) { client in
            let cutGzip = try await client.importArchive("target", Array(archive.prefix(archive.count * 2 / 3)))
            expectError(cutGzip, .badRequest, "invalid_archive")
            #expect(cutGzip.error?.contains("truncated") == true, "\(cutGzip.text)")
            expectError(try await client.importArchive("target", cutTar), .badRequest, "invalid_archive")
            expectError(try await client.importArchive("target", noEndMarker), .badRequest, "invalid_archive")
            // The same cut archive fetched from a URL fails the same way.
            try await ArchiveHost.run(archives: ["cut": cutTar]) { host in
                expectError(try await client.importJSON("target", "tar", ["url": "\(host.baseURL)/archives/cut"]), .badRequest, "invalid_archive")
            }
        }
    }

    /// Many tiny entries: refused at the entry limit, after reading no further.
    @Test func manyTinyEntriesHitTheEntryLimit() async throws {
        var tar = TarBuilder()
        for index in 0..<600 { tar.file("bomb/\(index).md", "#") }
        tar.end()
        let bomb = tar.gzipped
        try await withSeededDataset(configure: { $0.limits.maxArchiveEntries = 500 }) { client in
            expectError(try await client.importArchive("target", bomb), .contentTooLarge, "too_many_entries")
        }
    }

    /// A header declaring a terabyte is refused at its header, with the default limits.
    @Test func aHugeDeclaredSizeIsRefusedAtItsHeader() async throws {
        var tar = TarBuilder()
        tar.file("ok.md", "# Fine\n")
        tar.headerOnly("bomb.md", size: 1 << 40)
        let bytes = TarBuilder.gzip(tar.bytes)
        try await withSeededDataset { client in
            expectError(try await client.importArchive("target", bytes), .contentTooLarge, "archive_entry_too_large")
        }
    }

    /// A small archive that inflates past the uncompressed limit, and archives over the
    /// compressed limit (by Content-Length, and fetched).
    @Test func sizeLimitsAreEnforced() async throws {
        var tar = TarBuilder()
        tar.file("a.md", "# A\n")
        tar.file("zeros.bin", [UInt8](repeating: 0, count: 4 << 20))
        tar.end()
        let bomb = tar.gzipped
        try #require(bomb.count < 64 * 1024)
        let book = try corpusBytes("rust-book")
        try await withSeededDataset(configure: {
            $0.limits.maxArchiveUncompressedBytes = 1 << 20
            $0.limits.maxArchiveBytes = 512 * 1024
            $0.allowPrivateImportURLs = true
        }) { client in
            expectError(try await client.importArchive("target", bomb), .contentTooLarge, "archive_too_large")
            expectError(try await client.importArchive("target", book), .contentTooLarge, "archive_too_large")
            try await ArchiveHost.run(archives: ["book": book]) { host in
                expectError(try await client.importJSON("target", "tar", ["url": "\(host.baseURL)/archives/book"]), .contentTooLarge, "archive_too_large")
                // No Content-Length to refuse early: the reader's running count stops it.
                expectError(try await client.importJSON("target", "tar", ["url": "\(host.baseURL)/chunked/book"]), .contentTooLarge, "archive_too_large")
            }
        }
    }

    /// A body without a length (a chunked upload or download) is counted as it arrives:
    /// the reader stops within one chunk of the limit instead of reading the rest.
    @Test func anUnsizedStreamStopsAtTheLimit() async throws {
        let book = try corpusBytes("rust-book")
        let chunk = 16 * 1024
        var limits = RequestLimits()
        limits.maxArchiveBytes = 512 * 1024
        let served = Mutex(0)
        let stream = AsyncStream<ByteBuffer> {
            let offset: Int? = served.withLock { count in
                guard count * chunk < book.count else { return nil }
                count += 1
                return (count - 1) * chunk
            }
            return offset.map { ByteBuffer(bytes: book[$0..<min(book.count, $0 + chunk)]) }
        }
        do {
            _ = try await ArchiveReader(limits: limits, prefix: []).read(stream)
            Issue.record("a \(book.count)-byte stream passed a \(limits.maxArchiveBytes)-byte limit")
        } catch let error as APIError {
            #expect(error.code == "archive_too_large")
        }
        #expect(served.withLock { $0 } == limits.maxArchiveBytes / chunk + 1)
        #expect(book.count > 2 * limits.maxArchiveBytes, "the stream holds over twice the limit")
    }

    /// Hosts that do not answer or stop sending: a short read timeout fires.
    @Test func fetchTimeoutsAreClear() async throws {
        try await ArchiveHost.run { host in
            try await withSeededDataset(configure: {
                $0.archiveFetch.readTimeout = .milliseconds(500)
                $0.importURLPolicyOverride = .loopbackOneIsPublic
            }) { client in
                // Without the 500 ms read timeout these would end as a 200 after 3 s and
                // an invalid archive, so the codes alone prove the timeout fired.
                expectError(try await client.importJSON("target", "tar", ["url": "\(host.baseURL)/slow"]), .badRequest, "fetch_timeout")
                expectError(try await client.importJSON("target", "tar", ["url": "\(host.baseURL)/stall"]), .badRequest, "fetch_timeout")
            }
        }
    }

    /// Hosts that answer 404, redirect forever or in a circle, or refuse the connection.
    /// The destination check is on (127.0.0.1 declared public), so redirects are followed
    /// by the fetcher's own loop. Default timeouts: a busy machine must not turn these
    /// into timeouts.
    @Test func fetchFailuresAreClear() async throws {
        let closedPort = try freeLoopbackPort()
        try await ArchiveHost.run { host in
            try await withSeededDataset(configure: { $0.importURLPolicyOverride = .loopbackOneIsPublic }) { client in
                func fetch(_ url: String) async throws -> JSONResult { try await client.importJSON("target", "tar", ["url": url]) }
                let missing = try await fetch("\(host.baseURL)/archives/nope")
                expectError(missing, .badRequest, "fetch_failed")
                #expect(missing.error?.contains("404") == true, "\(missing.text)")
                let requestsBefore = host.requests
                let loop = try await fetch("\(host.baseURL)/loop/0")
                expectError(loop, .badRequest, "fetch_failed")
                #expect(loop.error?.contains("too many redirects") == true, "\(loop.text)")
                // The URL and 5 redirects (ArchiveFetchSettings.maxRedirects), then no more.
                #expect(host.requests - requestsBefore == 6)
                let cycle = try await fetch("\(host.baseURL)/cycle")
                expectError(cycle, .badRequest, "fetch_failed")
                #expect(cycle.error?.contains("too many redirects") == true, "\(cycle.text)")
                #expect(host.requests - requestsBefore == 7)
                expectError(try await fetch("http://127.0.0.1:\(closedPort)/archive.tar.gz"), .badRequest, "fetch_failed")
            }
        }
    }

    /// Bad requests are refused before anything is fetched or read.
    @Test func badRequestsFetchNothing() async throws {
        try await ArchiveHost.run { host in
            try await withSeededDataset { client in
                for url in ["ftp://example.com/a.tar.gz", "not a url", "/relative/a.tar.gz", "http://", "http://127.0.0.1%00.example.com/a.tar.gz"] {
                    expectError(try await client.importJSON("target", "tar", ["url": url]), .badRequest, "invalid_field")
                }
                expectError(try await client.importJSON("target", "tar", ["path": "docs"]), .badRequest, "missing_field")
                expectError(try await client.importJSON("target", "tar", ["url": 5]), .badRequest, "invalid_field")
                let good = "\(host.baseURL)/archives/none"
                expectError(try await client.importJSON("target", "tar", ["url": good, "path": "../up"]), .badRequest, "invalid_field")
                expectError(try await client.importJSON("target", "tar", ["url": good, "metadata": [1, 2]]), .badRequest, "invalid_field")
                expectError(try await client.importJSON("missing", "tar", ["url": good]), .notFound, "dataset_not_found")
                expectError(try await client.importArchive("target", [1, 2, 3], contentType: "text/plain"), .unsupportedMediaType, "unsupported_media_type")
                expectError(try await client.importArchive("target", [1, 2, 3], contentType: nil), .unsupportedMediaType, "unsupported_media_type")
                expectError(try await client.importArchive("target", [1], query: "path=a/../b"), .badRequest, "invalid_parameter")
                expectError(try await client.importArchive("target", [1], query: "metadata=%5B1%5D"), .badRequest, "invalid_parameter")
                expectError(try await client.importArchive("target", [1], query: "metadata=%7Bnope"), .badRequest, "invalid_parameter")
                #expect(host.requests == 0)
            }
        }
    }
}
