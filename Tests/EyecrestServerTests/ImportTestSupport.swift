import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

extension TestClientProtocol {
    /// Sends archive bytes to `import/tar` (options in `query`, e.g. `path=docs`).
    func importArchive(
        _ dataset: String, _ bytes: [UInt8], query: String = "", contentType: String? = "application/gzip"
    ) async throws -> JSONResult {
        var headers: HTTPFields = [:]
        if let contentType { headers[.contentType] = contentType }
        let uri = "/v1/datasets/\(dataset)/import/tar" + (query.isEmpty ? "" : "?\(query)")
        let response = try await executeRequest(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
        let text = String(buffer: response.body)
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return JSONResult(status: response.status, headers: response.headers, json: object, text: text)
    }

    /// Sends a JSON body to `import/tar` (`{url}`) or `import/github`.
    func importJSON(_ dataset: String, _ route: String, _ body: [String: Any]) async throws -> JSONResult {
        try await call(.post, "/v1/datasets/\(dataset)/import/\(route)", body: try jsonText(body))
    }

    /// Every filename in the dataset.
    func filenames(_ dataset: String) async throws -> [String] {
        var names: [String] = []
        var cursor: String?
        repeat {
            let query = cursor.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } ?? ""
            let page = try await call(.get, "/v1/datasets/\(dataset)/files?limit=1000\(query)")
            names += (page["files"] as? [[String: Any]] ?? []).compactMap { $0["filename"] as? String }
            cursor = page["nextCursor"] as? String
        } while cursor != nil
        return names
    }

    /// The dataset's file count from `/size`.
    func fileCount(_ dataset: String) async throws -> Int {
        try await call(.get, "/v1/datasets/\(dataset)/size")["files"] as? Int ?? -1
    }

    func createDataset(_ dataset: String, shards: Int = 1) async throws {
        let created = try await call(.post, "/v1/datasets/\(dataset)", body: #"{"shards": \#(shards)}"#)
        #expect(created.status == .created, "\(created.text)")
    }
}

extension JSONResult {
    /// An import answer's counts: imported, unchanged, skipped.
    var importCounts: [Int] { ["filesImported", "filesUnchanged", "filesSkipped"].map { json[$0] as? Int ?? -1 } }
    /// `skipped` as (path, reason).
    var skippedEntries: [String: String] {
        Dictionary(
            (json["skipped"] as? [[String: Any]] ?? []).map { ($0["path"] as? String ?? "", $0["reason"] as? String ?? "") },
            uniquingKeysWith: { first, _ in first })
    }
}

/// The bytes of `../shared/corpus/<name>.tar.gz`.
func corpusBytes(_ name: String) throws -> [UInt8] {
    let url = corpusArchive(name)
    try #require(FileManager.default.fileExists(atPath: url.path), "missing corpus \(url.path)")
    return Array(try Data(contentsOf: url))
}

/// The markdown files GNU tar lists in a corpus, with its top-level folder removed.
func corpusMarkdown(_ name: String) throws -> [String] {
    try gnuTarListing(corpusArchive(name))
        .filter { $0.hasSuffix(".md") || $0.hasSuffix(".mdx") || $0.hasSuffix(".markdown") }
        .map { String($0.split(separator: "/", maxSplits: 1)[1]) }
}
