import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The original eyecrest's test fixtures (`../shared/testdata/eyecrest-original/`, found
/// beside the package like the corpora), with the git blob SHA-1 the original recorded for
/// each: what `sha` must say when the file is read back.
enum OriginalFixtures {
    static let directory = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata/eyecrest-original")

    static let blobSHAs: [String: String] = [
        "cleaner/basic.md": "95eccab937936dfe74a068cb4e220c304c94a224",
        "cleaner/code.md": "38d3a9c77c1eaf4028edf23d5ffba8f9d5101801",
        "cleaner/comments.md": "e54e6745be6c71f045d29633e9b212657b0ab87b",
        "cleaner/links.md": "663d90acec4568cf860ec82a266361809a18be19",
        "cleaner/quotes-tables.md": "71a2388be458fb4e3224e53bcf1d1f56bd9e1499",
        "parser/blockquotes-lists.md": "cfe38e9a1455a2a7598f3743fd8425bdf130e786",
        "parser/code-and-tables.md": "b174db94a78efc8bcd11878cac5d6fc10a2b43f8",
        "parser/frontmatter.md": "0c3a719f2ee512c4eb354f23ae85dc7275a52315",
        "parser/jsx-components.mdx": "e4dd09e9db61941bca72a899057afa5e2fca37b0",
        "parser/levels.md": "d0f95b0c78f280a33f8cdfa941ced7c571e42962",
        "parser/no-headings.md": "5868ec092f888a8c519a9547277393690131c22b",
        "parser/simple.md": "38267612bab8f98311ad5d23d947f90f5ce17e62",
        "production/docs/install.md": "cb8cde016b2d818953be9052fa14edb421a723be",
        "production/frontmatter-test.md": "49514a9e29e33f9c0dca481c740c2e31bb06588f",
        "production/guide.mdx": "cb6f8cb68f36ef490e9749abb17af7c72fdd0ea3",
        "production/metadata-test.md": "36937b98f7b8bf0699d944beaa1e8f53d3e6dafb",
        "production/sha-test.md": "1782917c7c9a9c41779b7f69d27db008019f9b92",
        "production/test.md": "888714a3a2b2d0f763ddcd537ac56c4d61abe77a",
        "research/camelCase-test.md": "ff2467e70df2a4e3719da6702b9d44b2ef2208ee",
        "research/dot.notation.test.md": "62fe23cd7a09882e76daa9bbf812c21ea1b38d57",
        "research/exact-phrases.md": "f8ff1492c1a3ea966fefccef7c74be2c1dcf4bb7",
        "research/kebab-case-test.md": "3ff680caf7c5d388d271d664f9c693423d0260f3",
        "research/special_chars_test.md": "c24372a3278b1744a1f7aead3c430d74efe9c6ee",
        "sdk/sdk-docs.md": "30be7ae7fea69dfeb1470e0125c93296b34e7e11",
        "sdk/sdk-test.md": "48ce1348bcaf391b590c42d479d4e99da0218f13",
        "sha/multiline.md": "95305c65ff2fbb216fe70188cd053f95d331618d",
    ]

    /// Every fixture as (path relative to the fixtures folder, content), in path order.
    static func load() throws -> [(filename: String, content: String)] {
        try #require(FileManager.default.fileExists(atPath: directory.path), "missing fixtures \(directory.path)")
        return try blobSHAs.keys.sorted().map { name in
            (name, try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
    }
}

/// A raw HTTP answer of a live server, as a curl script or the original TypeScript SDK
/// sees it: status, content type, body.
struct LiveResponse {
    var status: Int
    var contentType: String?
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    subscript(key: String) -> Any? { json[key] }
}

/// Sends requests to a live server with nothing but URLSession, so that what is checked is
/// the wire, not eyecrest's own client.
struct LiveHTTP {
    let baseURL: String

    func call(
        _ method: String, _ path: String, json: Any? = nil, headers: [String: String] = [:], body: Data? = nil, timeout: TimeInterval = 60
    ) async throws -> LiveResponse {
        var request = URLRequest(url: try #require(URL(string: baseURL + path)))
        request.timeoutInterval = timeout
        request.httpMethod = method
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let body { request.httpBody = body }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return LiveResponse(status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type"), body: data)
    }
}

/// Runs `body` against a live `eyecrest serve` on a free port, stopped by its PID afterwards.
func withLiveServer(extraArguments: [String] = [], environment: [String: String] = [:], _ body: (LiveHTTP) async throws -> Void) async throws {
    try await withTemporaryDirectory { directory in
        let server = try ServerProcess(
            dataDirectory: directory.appendingPathComponent("data"), logFile: directory.appendingPathComponent("server.log"),
            extraArguments: extraArguments, environment: environment)
        do {
            try await server.waitUntilReady()
            try await body(LiveHTTP(baseURL: server.url))
        } catch {
            Issue.record("server log:\n\(server.log())")
            await server.stop()
            throw error
        }
        #expect(await server.stop() == 0)
    }
}
