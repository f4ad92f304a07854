@testable import EyecrestEngine
import Foundation
import Testing

/// A file deleted between a search's ranking and the building of its hits leaves a ranked
/// section without a row. The searcher then searches again, and its last attempt fills
/// the page from spare sections ranked after it. `SearchConsistencyTests` meets that race
/// when the timing allows; here the deletes land in the gap on purpose, every time.
@Suite("Search retries and spare sections")
struct SearchRetryTests {
    /// Pages that all answer `zebra` with the same score, so they rank by filename.
    static func pages(_ count: Int) -> [FileUpload] {
        (1...count).map { FileUpload(filename: String(format: "page-%02d.md", $0), content: Data("# Page\n\nThe zebra grazes.\n".utf8)) }
    }

    /// Deletes one page each time the search reaches its gap, and remembers which.
    actor Deleter {
        let engine: Engine
        var pending: [String]
        var deleted: [String] = []

        init(engine: Engine, order: [String]) {
            self.engine = engine
            pending = order
        }

        func deleteNext() async throws {
            guard !pending.isEmpty else { return }
            let filename = pending.removeFirst()
            _ = try await engine.deleteFiles(org: "test", dataset: "pages", filenames: [filename])
            deleted.append(filename)
        }
    }

    /// Searches `zebra` over `count` pages, deleting the next of `order` in every attempt.
    static func search(pages count: Int, perPage: Int, deleting order: [String]) async throws -> (SearchResponse, deleted: [String]) {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestSupport.load(pages(count), into: engine, dataset: "pages")
        let deleter = Deleter(engine: engine, order: order)
        let handle = try await engine.lease(org: "test", id: "pages")
        defer { handle.release() }
        let response = try await Searcher.search(
            SearchRequest(query: "zebra", perPage: perPage), shards: handle.shards, beforeAssembly: { try await deleter.deleteNext() })
        return (response, await deleter.deleted)
    }

    @Test("A page that loses a hit in every attempt is filled from the spares, and still claims the next page")
    func spareSectionsFillThePage() async throws {
        let (response, deleted) = try await Self.search(pages: 12, perPage: 4, deleting: ["page-01.md", "page-02.md", "page-03.md", "page-04.md"])
        // One delete per attempt: each one removed a hit of the page, so each attempt failed.
        #expect(deleted == ["page-01.md", "page-02.md", "page-03.md"])
        #expect(response.hits.map(\.filename) == ["page-04.md", "page-05.md", "page-06.md", "page-07.md"])
        #expect(response.hasNextPage, "page-08.md to page-12.md remain")
    }

    /// With 7 pages, the last attempt ranks 5 sections, more than a page, but only 4 are
    /// left once page-03 goes: counting ranked sections would claim a next page there.
    @Test("A last page built from the spares claims no next page when none is left over", arguments: [
        (5, ["page-04.md", "page-05.md"]),
        (7, ["page-04.md", "page-05.md", "page-06.md", "page-07.md"]),
    ])
    func lastPageClaimsNoNextPage(pages: Int, expected: [String]) async throws {
        let (response, deleted) = try await Self.search(pages: pages, perPage: 4, deleting: ["page-01.md", "page-02.md", "page-03.md"])
        #expect(deleted.count == Searcher.maxAttempts)
        #expect(response.hits.map(\.filename) == expected)
        #expect(!response.hasNextPage)
    }

    @Test("A delete outside the page costs no second attempt")
    func deleteBelowThePageIsNotRetried() async throws {
        let (response, deleted) = try await Self.search(pages: 12, perPage: 4, deleting: ["page-12.md", "page-11.md"])
        #expect(deleted == ["page-12.md"])
        #expect(response.hits.map(\.filename) == ["page-01.md", "page-02.md", "page-03.md", "page-04.md"])
        #expect(response.hasNextPage)
    }
}
