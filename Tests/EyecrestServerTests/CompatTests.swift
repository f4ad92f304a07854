import Foundation
import Testing

/// The original eyecrest API, replayed against a live server as its users' code (the
/// TypeScript SDK, curl scripts) sends it: the original's request shapes, its test
/// fixtures, and every field its answers had, by name, type and meaning. Eyecrest's own
/// extra fields may sit beside them; these tests do not look at them.
@Suite("Compatibility with the original eyecrest API", .serialized)
struct CompatTests {
    static let dataset = "orig"
    /// The server runs as region `wnam` by flag; the variable, which the flag overrides,
    /// says otherwise. (The x-force-region test sets the region by the variable alone.)
    static let serverArguments = ["--region", "wnam"]
    static let serverEnvironment = ["EYECREST_REGION": "ignored-by-the-flag"]
    static var metadata: [String: Any] { ["author": "Test User", "tags": ["a", "b"], "version": 2] }

    /// Creates the dataset and uploads every fixture as the original's tests did, with
    /// metadata on one and a weight on another; answers the upsert's per-file sections.
    static func upload(_ http: LiveHTTP) async throws -> [(filename: String, content: String)] {
        let create = try await http.call(
            "POST", "/v1/datasets/\(dataset)",
            json: ["primaryRegion": "wnam", "replicaRegions": ["weur"], "waitForReplication": true, "provider": "sqlite"])
        #expect((200..<300).contains(create.status), "\(create.text)")
        #expect(create["region"] as? String == "wnam", "\(create.text)")
        let fixtures = try OriginalFixtures.load()
        let files: [[String: Any]] = fixtures.map { fixture in
            var file: [String: Any] = ["filename": fixture.filename, "content": fixture.content]
            if fixture.filename == "production/metadata-test.md" { file["metadata"] = metadata }
            if fixture.filename == "production/test.md" { file["weight"] = 2.0 }
            return file
        }
        let upsert = try await http.call("PUT", "/v1/datasets/\(dataset)/files", json: ["files": files, "waitForReplication": true])
        #expect(upsert.status == 200, "\(upsert.text)")
        return fixtures
    }

    @Test func filesReadBackWithTheOriginalsSHAsAndLineOptions() async throws {
        try await withLiveServer(extraArguments: Self.serverArguments, environment: Self.serverEnvironment) { http in
            let fixtures = try await Self.upload(http)
            #expect(fixtures.count == OriginalFixtures.blobSHAs.count)
            for fixture in fixtures {
                let file = try await http.call("GET", "/v1/datasets/\(Self.dataset)/files/\(fixture.filename)")
                #expect(file.status == 200, "\(fixture.filename): \(file.text)")
                #expect(file["content"] as? String == fixture.content, "\(fixture.filename)")
                #expect(file["sha"] as? String == OriginalFixtures.blobSHAs[fixture.filename], "\(fixture.filename)")
                #expect(file["filename"] as? String == fixture.filename)
                #expect(file["weight"] as? Double == (fixture.filename == "production/test.md" ? 2.0 : 1.0), "\(fixture.filename)")
                let metadata = file["metadata"] as? [String: Any]
                #expect((metadata != nil) == (fixture.filename == "production/metadata-test.md"), "\(fixture.filename)")
            }
            let metadata = try #require(try await http.call("GET", "/v1/datasets/\(Self.dataset)/files/production/metadata-test.md")["metadata"] as? [String: Any])
            #expect(metadata["author"] as? String == "Test User" && metadata["tags"] as? [String] == ["a", "b"] && metadata["version"] as? Int == 2)

            // showLineNumbers: "true", "false", or empty (= true); start/end 1-based, inclusive.
            let path = "/v1/datasets/\(Self.dataset)/files/sha/multiline.md"
            let numbered = try await http.call("GET", path + "?showLineNumbers=true")["content"] as? String
            #expect(numbered?.hasPrefix("1  # Hello World\n2  \n3  This is a test file") == true, "\(numbered ?? "nil")")
            #expect(try await http.call("GET", path + "?showLineNumbers=")["content"] as? String == numbered)
            #expect(try await http.call("GET", path + "?showLineNumbers")["content"] as? String == numbered)
            let plain = try await http.call("GET", path + "?showLineNumbers=false")["content"] as? String
            #expect(plain == fixtures.first { $0.filename == "sha/multiline.md" }?.content)
            #expect(try await http.call("GET", path + "?start=5&end=7")["content"] as? String == "## Section 2\n\nSome more content here.")
            #expect(try await http.call("GET", path + "?start=5&end=5&showLineNumbers=")["content"] as? String == "5  ## Section 2")
        }
    }

    @Test func sizeAnswersTheOriginalsFieldsAndTheyAddUp() async throws {
        try await withLiveServer(extraArguments: Self.serverArguments, environment: Self.serverEnvironment) { http in
            let fixtures = try await Self.upload(http)
            let size = try await http.call("GET", "/v1/datasets/\(Self.dataset)/size")
            #expect(size.status == 200, "\(size.text)")
            let contentBytes = fixtures.reduce(0) { $0 + $1.content.utf8.count }
            let metadataText = try JSONSerialization.data(withJSONObject: Self.metadata, options: [.sortedKeys, .withoutEscapingSlashes])
            let total = try #require(size["totalSizeBytes"] as? Int)
            #expect(size["uploadedContentSizeBytes"] as? Int == contentBytes)
            #expect(size["fileCount"] as? Int == fixtures.count)
            // Every fixture has a section per heading at least; the dataset agrees with itself.
            let sections = try #require(size["sectionCount"] as? Int)
            #expect(sections >= 60, "\(size.text)")
            let show = try await http.call("GET", "/v1/datasets/\(Self.dataset)")
            #expect((show["stats"] as? [String: Any])?["sections"] as? Int == sections)
            let breakdown = try #require(size["breakdown"] as? [String: Any])
            let database = try #require(breakdown["databaseSizeBytes"] as? Int)
            #expect(breakdown["contentSizeBytes"] as? Int == contentBytes)
            #expect(breakdown["metadataSizeBytes"] as? Int == metadataText.count)
            // The database holds the content and the metadata, and is what the dataset costs.
            #expect(total == database)
            #expect(database > contentBytes + metadataText.count)
        }
    }

    @Test func searchAnswersTheOriginalsFieldsWithTheirMeaning() async throws {
        try await withLiveServer(extraArguments: Self.serverArguments, environment: Self.serverEnvironment) { http in
            let fixtures = try await Self.upload(http)
            let lines = Dictionary(uniqueKeysWithValues: fixtures.map { ($0.filename, $0.content.components(separatedBy: "\n")) })
            let search = "/v1/datasets/\(Self.dataset)/search"
            for query in ["installation", "SHA+validation", "Test+Document", "metadata+storage", "section", "code+example"] {
                let answer = try await http.call("GET", "\(search)?query=\(query)")
                #expect(answer.status == 200, "\(query): \(answer.text)")
                #expect(answer["page"] as? Int == 0 && answer["perPage"] as? Int == 20 && answer["hasNextPage"] is Bool, "\(query)")
                #expect(answer["region"] as? String == "wnam", "\(query)")
                let hits = try #require(answer["results"] as? [[String: Any]])
                #expect(!hits.isEmpty, "\(query)")
                for hit in hits {
                    let filename = try #require(hit["filename"] as? String)
                    let slug = try #require(hit["sectionSlug"] as? String, "\(query): \(hit)")
                    let startLine = try #require(hit["startLine"] as? Int)
                    #expect((hit["score"] as? Double ?? 0) > 0)
                    #expect(hit["snippet"] is String && hit["cleanedSnippet"] is String)
                    #expect(hit["slug"] == nil, "one name for the slug")
                    // startLine is the section's heading line, whose slug is sectionSlug. The
                    // text before the first heading starts at line 1: "" when it is
                    // frontmatter, "introduction" when it is text.
                    let fileLines = try #require(lines[filename])
                    try #require((1...fileLines.count).contains(startLine), "\(filename): \(startLine)")
                    let line = fileLines[startLine - 1]
                    if !line.hasPrefix("#") {
                        #expect(startLine == 1 && slug == (line == "---" ? "" : "introduction"), "\(filename): \(hit)")
                    } else {
                        #expect(line.hasPrefix("#") && Self.headingSlug(line) == slug, "\(filename):\(startLine) '\(line)' vs '\(slug)'")
                    }
                    let hasMetadata = hit["metadata"] as? [String: Any] != nil
                    #expect(hasMetadata == (filename == "production/metadata-test.md"), "\(filename)")
                }
            }
            let features = try await http.call("GET", "\(search)?query=SHA+validation")
            let first = (features["results"] as? [[String: Any]])?.first
            #expect(first?["filename"] as? String == "production/test.md" && first?["sectionSlug"] as? String == "features" && first?["startLine"] as? Int == 5)
            // Only the frontmatter holds the phrase (its title): the section before the first heading.
            let frontmatter = try await http.call("GET", "\(search)?query=%22Test+Document%22")
            let top = (frontmatter["results"] as? [[String: Any]])?.first
            #expect(top?["filename"] as? String == "production/frontmatter-test.md" && top?["sectionSlug"] as? String == "", "\(frontmatter.text)")

            // page is 0-based; perPage; hasNextPage; snippetLength up to at least 500; maxChunksPerFile.
            let page0 = try await http.call("GET", "\(search)?query=section&perPage=2&page=0")
            #expect((page0["results"] as? [Any])?.count == 2 && page0["hasNextPage"] as? Bool == true && page0["perPage"] as? Int == 2)
            let page1 = try await http.call("GET", "\(search)?query=section&perPage=2&page=1")
            #expect(page1["page"] as? Int == 1 && (page1["results"] as? [Any])?.isEmpty == false)
            #expect(try await http.call("GET", "\(search)?query=section&snippetLength=500").status == 200)
            let capped = try await http.call("GET", "\(search)?query=section&maxChunksPerFile=1")
            let names = (capped["results"] as? [[String: Any]] ?? []).compactMap { $0["filename"] as? String }
            #expect(!names.isEmpty && names.count == Set(names).count, "\(names)")
        }
    }

    @Test func searchTextIsThePlainTextOfTheOriginal() async throws {
        try await withLiveServer(extraArguments: Self.serverArguments, environment: Self.serverEnvironment) { http in
            _ = try await Self.upload(http)
            let query = "query=section&perPage=3"
            let text = try await http.call("GET", "/v1/datasets/\(Self.dataset)/search.txt?\(query)")
            #expect(text.status == 200)
            #expect(text.contentType == "text/plain; charset=utf-8")
            let json = try await http.call("GET", "/v1/datasets/\(Self.dataset)/search?\(query)")
            let hits = try #require(json["results"] as? [[String: Any]])
            #expect(hits.count == 3 && json["hasNextPage"] as? Bool == true)
            #expect(text.text.hasSuffix("\n\n*More results available on page 1*\n"), "\(text.text)")
            let body = String(text.text.dropLast("\n\n*More results available on page 1*\n".count))
            let blocks = body.components(separatedBy: "\n\n---\n\n")
            #expect(blocks.count == hits.count, "\(text.text)")
            for (block, hit) in zip(blocks, hits) {
                let filename = try #require(hit["filename"] as? String)
                let startLine = try #require(hit["startLine"] as? Int)
                let level = try #require(hit["level"] as? Int)
                let lines = block.components(separatedBy: "\n")
                try #require(lines.count > 2, "\(block)")
                // A heading one level deeper than the section's, a blank line, the link, then
                // (unless the section is only its heading) a blank line and the snippet.
                #expect(lines[0].hasPrefix(String(repeating: "#", count: min(level + 1, 6)) + " "), "\(block)")
                #expect(lines[1].isEmpty && (lines.count == 3 || (lines.count > 4 && lines[3].isEmpty)), "\(block)")
                let link = "[\(filename):\(startLine)](/v1/datasets/\(Self.dataset)/files/\(filename)?start=\(startLine)&end="
                #expect(lines[2].hasPrefix(link), "\(lines[2]) does not start with \(link)")
            }
            let last = try await http.call("GET", "/v1/datasets/\(Self.dataset)/search.txt?query=section&perPage=3&page=1000")
            #expect(last.status == 200 && !last.text.contains("More results"))
        }
    }

    /// The region set by the environment variable alone this time.
    @Test func forcedRegionAnswersHereOrNamesTheRegionsThatHoldTheDataset() async throws {
        try await withLiveServer(environment: ["EYECREST_REGION": "wnam"]) { http in
            _ = try await Self.upload(http)
            let base = "/v1/datasets/\(Self.dataset)"
            let reads = ["\(base)/search?query=section", "\(base)/search.txt?query=section", "\(base)/files/production/test.md", "\(base)/files", "\(base)/size", base]
            for path in reads {
                let plain = try await http.call("GET", path)
                let here = try await http.call("GET", path, headers: ["x-force-region": "wnam"])
                #expect(plain.status == 200 && here.status == 200, "\(path): \(here.text)")
                #expect(here.text == plain.text || path.hasSuffix("/size") || path == base, "\(path)")
                let elsewhere = try await http.call("GET", path, headers: ["x-force-region": "weur"])
                #expect(elsewhere.status == 421, "\(path): \(elsewhere.text)")
                #expect(elsewhere["code"] as? String == "region_unavailable", "\(path)")
                #expect((elsewhere["error"] as? String)?.contains("wnam") == true, "\(path): \(elsewhere.text)")
            }
            // A dataset that does not exist is missing whatever region is asked for.
            let missing = try await http.call("GET", "/v1/datasets/nothing/search?query=a", headers: ["x-force-region": "weur"])
            #expect(missing.status == 404 && missing["code"] as? String == "dataset_not_found")
        }
    }

    @Test func writesAcceptTheOriginalsFieldsAndImportsAnswerItsCounts() async throws {
        try await withLiveServer(extraArguments: Self.serverArguments, environment: Self.serverEnvironment) { http in
            let fixtures = try await Self.upload(http)
            let base = "/v1/datasets/\(Self.dataset)"
            // Create again without primaryRegion, with the other providers: accepted.
            for provider in ["upstash", "neon"] {
                #expect((200..<300).contains(try await http.call("POST", base, json: ["provider": provider]).status))
            }
            let shown = try await http.call("GET", base)
            #expect(shown["region"] as? String == "wnam" && shown["primaryRegion"] as? String == "wnam", "\(shown.text)")
            let deleted = try await http.call(
                "DELETE", "\(base)/files", json: ["filenames": ["sdk/sdk-test.md", "sdk/sdk-docs.md"], "waitForReplication": true])
            #expect(deleted.status == 200, "\(deleted.text)")
            #expect(try await http.call("GET", "\(base)/files/sdk/sdk-test.md").status == 404)

            // Every character the original allowed in a filename, sent in the URL as its users send it.
            let special = "notes/it's_(draft)!*-v1.0.md"
            let upserted = try await http.call("PUT", "\(base)/files", json: ["files": [["filename": special, "content": "# Draft\n\nText.\n"]]])
            #expect(upserted.status == 200, "\(upserted.text)")
            let read = try await http.call("GET", "\(base)/files/\(special)")
            #expect(read.status == 200 && read["filename"] as? String == special, "\(read.text)")

            var tar = TarBuilder()
            let imported = fixtures.filter { $0.filename.hasPrefix("sdk/") }
            for fixture in imported { tar.file("orig-main/\(fixture.filename)", fixture.content) }
            tar.end()
            let answer = try await http.call(
                "POST", "\(base)/import/tar", headers: ["Content-Type": "application/gzip"], body: Data(tar.gzipped))
            #expect(answer.status == 200, "\(answer.text)")
            #expect(answer["filesImported"] as? Int == imported.count)
            #expect(answer["totalSizeBytes"] as? Int == imported.reduce(0) { $0 + $1.content.utf8.count })
            let file = try await http.call("GET", "\(base)/files/sdk/sdk-test.md")
            #expect(file["sha"] as? String == OriginalFixtures.blobSHAs["sdk/sdk-test.md"])

            #expect(try await http.call("DELETE", base).status == 200)
            #expect(try await http.call("GET", "\(base)/size").status == 404)
        }
    }

    /// GitHub's anchor for a simple ASCII heading line: lower-cased, spaces to `-`, other
    /// punctuation but `-` and `_` dropped. Written here so the check does not lean on the
    /// chunker it checks.
    static func headingSlug(_ line: String) -> String {
        let text = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
        return String(text.compactMap { $0 == " " ? "-" : ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : nil })
    }
}
