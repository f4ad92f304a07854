import EyecrestEngine
import Foundation
import HummingbirdTesting
import Testing

@testable import EyecrestServer

@Suite("File routes")
struct FileRouteTests {
    @Test func upsertAnswersPerFileStatus() async throws {
        try await withTestServer { client in
            _ = try await client.call(.post, "/v1/datasets/d")
            let body = try jsonText([
                "files": [
                    ["filename": "a.md", "content": Fixtures.install, "metadata": ["tag": "x", "n": 3], "weight": 2.0],
                    ["filename": "b.md", "content": Fixtures.config],
                ],
                "waitForReplication": true,
            ])
            let first = try await client.call(.put, "/v1/datasets/d/files", body: body)
            #expect(first.status == .ok, "\(first.text)")
            #expect(first["created"] as? Int == 2)
            let results = first["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["filename"] as? String } == ["a.md", "b.md"])
            #expect(results.first?["status"] as? String == "created")
            #expect((results.first?["sha"] as? String)?.count == 40)
            #expect((results.first?["sections"] as? Int ?? 0) >= 3)

            let second = try await client.call(.put, "/v1/datasets/d/files", body: body)
            #expect(second["unchanged"] as? Int == 2)
            let changed = try jsonText(["files": [["filename": "b.md", "content": Fixtures.config + "\nMore.\n"]]])
            let third = try await client.call(.put, "/v1/datasets/d/files", body: changed)
            #expect(third["updated"] as? Int == 1)

            let file = try await client.call(.get, "/v1/datasets/d/files/a.md")
            #expect(file.status == .ok)
            #expect(file["content"] as? String == Fixtures.install)
            #expect((file["metadata"] as? [String: Any])?["tag"] as? String == "x")
            #expect((file["metadata"] as? [String: Any])?["n"] as? Int == 3)
            #expect(file["weight"] as? Double == 2.0)
            #expect(file["title"] as? String == "Installing")
        }
    }

    @Test func badUpsertsAreRejectedWholeAndStoreNothing() async throws {
        try await withTestServer { client in
            _ = try await client.call(.post, "/v1/datasets/d")
            let path = "/v1/datasets/d/files"
            func files(_ items: [[String: Any]]) throws -> String { try jsonText(["files": items]) }
            let good: [String: Any] = ["filename": "ok.md", "content": "# Ok"]
            expectError(try await client.call(.put, path, body: try files([good, ["filename": "../x.md", "content": "x"]])), .badRequest, "invalid_filename")
            expectError(try await client.call(.put, path, body: try files([good, ["filename": "/abs.md", "content": "x"]])), .badRequest, "invalid_filename")
            expectError(try await client.call(.put, path, body: try files([good, ["filename": "a\u{1}b.md", "content": "x"]])), .badRequest, "invalid_filename")
            expectError(try await client.call(.put, path, body: try files([good, ["filename": "w.md", "content": "x", "weight": 0]])), .badRequest, "invalid_argument")
            expectError(try await client.call(.put, path, body: try files([good, ["filename": "w.md", "content": "x", "weight": "heavy"]])), .badRequest, "invalid_field")
            expectError(try await client.call(.put, path, body: try files([good, ["filename": "m.md", "content": "x", "metadata": [1, 2]]])), .badRequest, "invalid_field")
            expectError(try await client.call(.put, path, body: try files([good, good])), .badRequest, "invalid_argument")
            expectError(try await client.call(.put, path, body: try files([good, ["content": "x"]])), .badRequest, "missing_field")
            expectError(try await client.call(.put, path, body: try files([good, ["filename": "n.md"]])), .badRequest, "missing_field")
            expectError(try await client.call(.put, path, body: try files([good, ["filename": "n.md", "content": NSNull()]])), .badRequest, "invalid_field")
            expectError(try await client.call(.put, path, body: #"{"filez": []}"#), .badRequest, "missing_field")
            expectError(try await client.call(.put, path, body: #"{"files": [}"#), .badRequest, "invalid_json")
            expectError(try await client.call(.put, path, body: ""), .badRequest, "invalid_json")
            expectError(try await client.call(.put, path, body: try files([good]), contentType: "text/markdown"), .unsupportedMediaType, "unsupported_media_type")
            expectError(try await client.call(.put, "/v1/datasets/nope/files", body: try files([good])), .notFound, "dataset_not_found")
            expectError(try await client.call(.put, "/v1/datasets/b@d/files", body: try files([good])), .badRequest, "invalid_dataset_id")
            let list = try await client.call(.get, path)
            #expect((list["files"] as? [Any])?.isEmpty == true, "\(list.text)")
        }
    }

    @Test func configuredLimitsAnswer413Or400BeforeAnyWork() async throws {
        try await withTestServer(configure: {
            $0.limits.maxBodyBytes = 4_096
            $0.limits.maxFilesPerBatch = 3
            $0.limits.maxFileBytes = 1_000
            $0.limits.maxQueryBytes = 100
            $0.limits.maxPage = 5
            $0.limits.maxPerPage = 10
            $0.limits.maxSnippetLength = 200
        }) { client in
            _ = try await client.call(.post, "/v1/datasets/d")
            let path = "/v1/datasets/d/files"
            let huge = try jsonText(["files": [["filename": "big.md", "content": String(repeating: "a", count: 10_000)]]])
            expectError(try await client.call(.put, path, body: huge), .contentTooLarge, "payload_too_large")
            let many = try jsonText(["files": (0..<4).map { ["filename": "f\($0).md", "content": "x"] }])
            expectError(try await client.call(.put, path, body: many), .contentTooLarge, "too_many_files")
            let bigFile = try jsonText(["files": [["filename": "f.md", "content": String(repeating: "b", count: 1_500)]]])
            expectError(try await client.call(.put, path, body: bigFile), .contentTooLarge, "file_too_large")
            let manyNames = try jsonText(["filenames": ["a", "b", "c", "d"]])
            expectError(try await client.call(.delete, path, body: manyNames), .contentTooLarge, "too_many_files")
            let longQuery = "/v1/datasets/d/search?query=" + String(repeating: "word%20", count: 21)
            expectError(try await client.call(.get, longQuery), .contentTooLarge, "query_too_long")
            for bad in ["page=6", "perPage=11", "snippetLength=201"] {
                expectError(try await client.call(.get, "/v1/datasets/d/search?query=word&\(bad)"), .badRequest, "invalid_parameter")
            }
            let atTheLimits = try await client.call(.get, "/v1/datasets/d/search?query=word&page=5&perPage=10&snippetLength=200")
            #expect(atTheLimits.status == .ok, "\(atTheLimits.text)")
            // Nothing from the rejected batches was stored.
            let list = try await client.call(.get, path)
            #expect((list["files"] as? [Any])?.isEmpty == true, "\(list.text)")
        }
    }

    @Test func limitsOutsideTheEngineCeilingsRefuseToStart() {
        var limits = RequestLimits()
        #expect(throws: Never.self) { try limits.validate() }
        limits.maxPerPage = SearchRequest.perPageRange.upperBound + 1
        #expect(throws: StartupError.self) { try limits.validate() }
        limits = RequestLimits()
        limits.maxFileBytes = limits.maxBodyBytes + 1
        #expect(throws: StartupError.self) { try limits.validate() }
        limits = RequestLimits()
        limits.maxQueryBytes = 0
        #expect(throws: StartupError.self) { try limits.validate() }
    }

    @Test func deleteFilesReportsDeletedAndMissing() async throws {
        try await withTestServer { client in
            try await client.seed("d", [("a.md", "# A"), ("b.md", "# B")])
            let result = try await client.call(.delete, "/v1/datasets/d/files", body: #"{"filenames": ["a.md", "zzz.md"]}"#)
            #expect(result.status == .ok)
            #expect(result["deleted"] as? [String] == ["a.md"])
            #expect(result["notFound"] as? [String] == ["zzz.md"])
            expectError(try await client.call(.get, "/v1/datasets/d/files/a.md"), .notFound, "file_not_found")
            expectError(try await client.call(.delete, "/v1/datasets/d/files", body: #"{"filenames": "a.md"}"#), .badRequest, "invalid_field")
            expectError(try await client.call(.delete, "/v1/datasets/d/files", body: #"{"filenames": ["../a"]}"#), .badRequest, "invalid_filename")
            expectError(try await client.call(.delete, "/v1/datasets/d/files"), .badRequest, "invalid_json")
        }
    }

    @Test func listFilesPaginatesWithPrefixAndCursor() async throws {
        try await withTestServer { client in
            try await client.seed("d", (0..<5).map { ("guide/p\($0).md", "# Page \($0)") } + [("other.md", "# Other")], shards: 3)
            let first = try await client.call(.get, "/v1/datasets/d/files?prefix=guide/&limit=2")
            #expect(first.status == .ok)
            let names = (first["files"] as? [[String: Any]])?.compactMap { $0["filename"] as? String }
            #expect(names == ["guide/p0.md", "guide/p1.md"])
            let cursor = try #require(first["nextCursor"] as? String)
            let encoded = cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor
            let second = try await client.call(.get, "/v1/datasets/d/files?prefix=guide/&limit=10&cursor=\(encoded)")
            #expect((second["files"] as? [[String: Any]])?.compactMap { $0["filename"] as? String } == ["guide/p2.md", "guide/p3.md", "guide/p4.md"])
            #expect(second["nextCursor"] == nil)
            let file = (second["files"] as? [[String: Any]])?.first
            #expect(file?["sha"] is String && file?["size"] is Int && file?["sections"] is Int)
            expectError(try await client.call(.get, "/v1/datasets/d/files?limit=0"), .badRequest, "invalid_parameter")
            expectError(try await client.call(.get, "/v1/datasets/d/files?limit=1001"), .badRequest, "invalid_parameter")
            expectError(try await client.call(.get, "/v1/datasets/d/files?limit=ten"), .badRequest, "invalid_parameter")
            expectError(try await client.call(.get, "/v1/datasets/none/files"), .notFound, "dataset_not_found")
        }
    }

    @Test func readFileWithEncodedPathAndSlices() async throws {
        try await withTestServer { client in
            let content = "# Café\n\nline 3\nline 4\nline 5\n"
            try await client.seed("d", [("docs/my notes/café.md", content)])
            let path = "/v1/datasets/d/files/docs/my%20notes/caf%C3%A9.md"
            let whole = try await client.call(.get, path)
            #expect(whole.status == .ok, "\(whole.text)")
            #expect(whole["filename"] as? String == "docs/my notes/café.md")
            #expect(whole["content"] as? String == content)
            let slice = try await client.call(.get, path + "?start=3&end=4")
            #expect(slice["content"] as? String == "line 3\nline 4")
            #expect(slice["startLine"] as? Int == 3)
            #expect(slice["endLine"] as? Int == 4)
            let numbered = try await client.call(.get, path + "?start=4&showLineNumbers=true")
            #expect(numbered["content"] as? String == "4  line 4\n5  line 5")
            expectError(try await client.call(.get, path + "?start=5&end=2"), .badRequest, "invalid_parameter")
            expectError(try await client.call(.get, path + "?start=0"), .badRequest, "invalid_parameter")
            expectError(try await client.call(.get, path + "?end=x"), .badRequest, "invalid_parameter")
            expectError(try await client.call(.get, path + "?showLineNumbers=maybe"), .badRequest, "invalid_parameter")
            expectError(try await client.call(.get, "/v1/datasets/d/files/docs/missing.md"), .notFound, "file_not_found")
            expectError(try await client.call(.get, "/v1/datasets/d/files/docs/%2E%2E/x.md"), .badRequest, "invalid_filename")
            expectError(try await client.call(.get, "/v1/datasets/d/files/bad%ZZ.md"), .badRequest, "invalid_filename")
            expectError(try await client.call(.get, "/v1/datasets/nope/files/a.md"), .notFound, "dataset_not_found")
        }
    }
}
