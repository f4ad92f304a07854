import Foundation
import Testing
@testable import EyecrestMarkdown

@Suite("Parser fixtures")
struct FixtureTests {
    static let parserFixtures = [
        "blockquotes-lists.md", "code-and-tables.md", "frontmatter.md", "jsx-components.mdx",
        "levels.md", "no-headings.md", "simple.md",
    ]

    @Test func everyFixtureIsListed() throws {
        let dir = TestSupport.testdata("eyecrest-original/parser")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == Self.parserFixtures)
    }

    @Test(arguments: parserFixtures)
    func fixtureChunksWithSaneLineRanges(_ name: String) throws {
        let md = try TestSupport.read("eyecrest-original/parser/" + name)
        let doc = TestSupport.chunk(md, filename: name)
        #expect(!doc.sections.isEmpty)
        #expect(TestSupport.problems(doc, content: md, mdx: name.hasSuffix(".mdx")) == [])
        #expect(doc.sections.last?.endLine == TestSupport.lines(of: md).count)
        for s in doc.sections where s.level > 0 {
            #expect(s.text.hasPrefix("#"), "\(name): section \(s.slug) starts at its heading")
            #expect(s.headingPath.last == s.heading)
        }
    }

    @Test(arguments: [
        ("blockquotes-lists.md", ["notes:1-7", "todo-list:8-15"]),
        ("code-and-tables.md", ["api-reference:1-4", "endpoints:5-11", "code-example:12-18", "response-format:19-21"]),
        ("frontmatter.md", [":1-6", "introduction:8-11", "getting-started:12-14"]),
        ("levels.md", ["level-1:1-4", "level-2:5-8", "level-3:9-12", "another-level-2:13-15"]),
        ("no-headings.md", ["introduction:1-5"]),
        ("simple.md", ["introduction:1-4", "getting-started:5-11", "installation:12-19", "configuration:20-22"]),
    ])
    func fixtureSections(_ name: String, _ expected: [String]) throws {
        let md = try TestSupport.read("eyecrest-original/parser/" + name)
        let doc = TestSupport.chunk(md, filename: name)
        #expect(doc.sections.map { "\($0.slug):\($0.startLine)-\($0.endLine)" } == expected)
    }

    @Test func frontmatterFixtureDetails() throws {
        let doc = TestSupport.chunk(try TestSupport.read("eyecrest-original/parser/frontmatter.md"))
        #expect(doc.title == "My Document")
        #expect(doc.description == nil)
        #expect(doc.sections[0].weight == 1.3 && doc.sections[0].searchText == "My Document")
        #expect(doc.sections[1].headingPath == ["Introduction"])
        #expect(doc.sections[2].headingPath == ["Introduction", "Getting Started"])
    }

    @Test func codeFixtureSearchTextKeepsCodeAndTable() throws {
        let doc = TestSupport.chunk(try TestSupport.read("eyecrest-original/parser/code-and-tables.md"))
        #expect(doc.sections[2].searchText == "const user = await api.getUser(123);\nconsole.log(user.name);\nget user 0iapigetuser 0iconsolelog 0iusername")
        #expect(doc.sections[1].searchText.contains("| GET | /users | List users |"))
    }

    @Test func otherFixtureDirectoriesChunkSanely() throws {
        let root = TestSupport.testdata("eyecrest-original")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        let markdown = files.filter { Chunker.isMarkdown($0) }
        #expect(markdown.count > 15)
        for rel in markdown {
            let md = try String(contentsOf: root.appendingPathComponent(rel), encoding: .utf8)
            let doc = TestSupport.chunk(md, filename: rel)
            #expect(TestSupport.problems(doc, content: md, mdx: rel.hasSuffix(".mdx")) == [], "\(rel)")
        }
    }
}
