import AsyncHTTPClient
import Foundation
import NIOCore

extension EyecrestClient {
    /// Imports the markdown of a local `.tar.gz`, streamed to the server as it is read.
    /// The dataset must exist. All or nothing: a broken archive stores no file.
    /// Throws the file system's error when `file` cannot be read.
    public func importTar(_ dataset: String, file: URL, options: ImportOptions = ImportOptions()) async throws -> ImportResponse {
        let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
        var query: [(String, String?)] = [("path", options.path)]
        if let metadata = options.metadata {
            let text: Data
            do { text = try Self.encoder.encode(metadata) } catch { throw EyecrestError.transport("could not encode the metadata: \(error)") }
            query.append(("metadata", String(decoding: text, as: UTF8.self)))
        }
        var request = HTTPClientRequest(url: baseURL + Self.importPath(dataset, "tar") + Self.queryString(query))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/gzip")
        request.body = .stream(FileChunks(url: file), length: .known(Int64(size)))
        return try decode(ImportResponse.self, await perform(request, timeout: importTimeout))
    }

    /// Has the server fetch a `.tar.gz` from an `http` or `https` URL and import it.
    public func importURL(_ dataset: String, url: String, options: ImportOptions = ImportOptions()) async throws -> ImportResponse {
        return try await postImport(dataset, "tar", ImportURLRequest(url: url, path: options.path, metadata: options.metadata))
    }

    /// Has the server fetch a GitHub branch's archive (from its configured archive host)
    /// and import it. `branch` defaults to `main` on the server.
    public func importGitHub(
        _ dataset: String, owner: String, repo: String, branch: String? = nil, options: ImportOptions = ImportOptions()
    ) async throws -> ImportResponse {
        let body = ImportGitHubRequest(owner: owner, repo: repo, branch: branch, path: options.path, metadata: options.metadata)
        return try await postImport(dataset, "github", body)
    }

    /// An import reads, and may fetch, a whole archive: it gets at least ten minutes,
    /// whatever the client's per-request timeout.
    var importTimeout: TimeAmount { max(timeout, .minutes(10)) }

    private func postImport(_ dataset: String, _ kind: String, _ body: some Encodable) async throws -> ImportResponse {
        var request = HTTPClientRequest(url: baseURL + Self.importPath(dataset, kind))
        request.method = .POST
        do { request.body = .bytes(try Self.encoder.encode(body)) } catch { throw EyecrestError.transport("could not encode the request: \(error)") }
        request.headers.add(name: "Content-Type", value: "application/json")
        return try decode(ImportResponse.self, await perform(request, timeout: importTimeout))
    }

    private static func importPath(_ dataset: String, _ kind: String) -> String {
        "/v1/datasets/\(encode(dataset))/import/\(kind)"
    }
}

/// A file's bytes as chunks, read as the upload consumes them: an archive of any size
/// is sent without being held in memory. Reads block briefly on local disk, which is
/// fine for the command line this serves.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let url: URL
    static let chunkSize = 256 * 1024

    struct AsyncIterator: AsyncIteratorProtocol {
        let url: URL
        /// Opened on the first read; closed at the end (or when the iterator is dropped).
        var handle: FileHandle?
        var finished = false

        mutating func next() async throws -> ByteBuffer? {
            guard !finished else { return nil }
            if handle == nil { handle = try FileHandle(forReadingFrom: url) }
            guard let data = try handle?.read(upToCount: FileChunks.chunkSize), !data.isEmpty else {
                try? handle?.close()
                finished = true
                return nil
            }
            return ByteBuffer(bytes: data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(url: url) }
}
