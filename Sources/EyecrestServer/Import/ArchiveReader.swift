import NIOCore

/// Reads a `.tar.gz` byte stream (a request body, a fetched answer) into
/// ``ArchiveContents``: gzip → tar → ``ArchiveCollector``, one chunk at a time, as the
/// bytes arrive. Memory holds one chunk, one decompressed piece, one tar header, and the
/// markdown being kept; every size is checked as it grows, so a tar bomb is refused
/// after at most the limit's worth of work.
///
/// A broken archive (bad gzip, a truncated stream, an invalid tar header) fails the
/// whole read: the caller stores nothing.
struct ArchiveReader {
    let limits: RequestLimits
    /// Only entries under this folder are kept, and it is removed from their names.
    let prefix: [Substring]

    func read<Body: AsyncSequence>(_ body: Body) async throws -> ArchiveContents where Body.Element == ByteBuffer {
        var gzip: GzipDecoder
        do { gzip = try GzipDecoder() } catch { throw APIError.invalidArchive(error.description) }
        var tar = TarReader()
        var collector = ArchiveCollector(
            prefix: prefix,
            limits: .init(maxEntries: limits.maxArchiveEntries, maxEntryBytes: limits.maxArchiveEntryBytes, maxFileBytes: limits.maxFileBytes))
        var compressed = 0
        var uncompressed = 0
        let limits = self.limits
        for try await chunk in body {
            compressed += chunk.readableBytes
            guard compressed <= limits.maxArchiveBytes else { throw APIError.archiveTooLarge("archive", limit: limits.maxArchiveBytes) }
            do {
                try gzip.decompress(chunk) { piece in
                    uncompressed += piece.readableBytes
                    guard uncompressed <= limits.maxArchiveUncompressedBytes else {
                        throw APIError.archiveTooLarge("uncompressed archive", limit: limits.maxArchiveUncompressedBytes)
                    }
                    tar.append(piece)
                    while let event = try tar.next() { try collector.handle(event) }
                }
            } catch let error as any ArchiveFormatError {
                throw APIError.invalidArchive(error.description)
            }
        }
        guard compressed > 0 else { throw APIError.invalidArchive("it is empty (a .tar.gz is expected)") }
        do {
            try gzip.finish()
            try tar.finish()
        } catch let error as any ArchiveFormatError {
            throw APIError.invalidArchive(error.description)
        }
        return collector.finish()
    }
}

/// A gzip or tar stream that is not what it claims: 400 `invalid_archive`, with the
/// description as the reason.
protocol ArchiveFormatError: Error, CustomStringConvertible {}

extension GzipDecoder.Failure: ArchiveFormatError {}
extension TarError: ArchiveFormatError {}
