import EyecrestEngine
import Foundation
import Testing

/// tldr's `tar` page writes its options as `[c]reate`, `e[x]tract`, `g[z]ipped`: the
/// words must be findable as words.
@Suite("Mnemonic words in search")
struct MnemonicSearchTests {
    @Test("Words with a bracketed letter are found by the whole word")
    func tarPageIsFoundByItsVerbs() async throws {
        let (engine, directory) = try TestSupport.engine()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tldr = try TestSupport.corpus("tldr").appendingPathComponent("tldr/pages/common")
        let names = ["tar.md", "zip.md", "unzip.md", "gzip.md"]
        let files = try names.map { FileUpload(filename: "pages/common/\($0)", content: try Data(contentsOf: tldr.appendingPathComponent($0))) }
        try await TestSupport.load(files, into: engine, dataset: "tldr")
        // "verbosely" and "gzipped" occur only as `[v]erbosely` and `g[z]ipped`.
        #expect(try await engine.search(org: "test", dataset: "tldr", SearchRequest(query: "extract verbosely")).hits.first?.filename
            == "pages/common/tar.md")
        for query in ["extract verbosely", "gzipped archive", "create archive file"] {
            let hits = try await engine.search(org: "test", dataset: "tldr", SearchRequest(query: query)).hits
            let tar = hits.first { $0.filename == "pages/common/tar.md" }
            #expect(tar?.matchedTerms.count == query.split(separator: " ").count, "\(query): \(hits.map(\.filename))")
        }
    }
}
