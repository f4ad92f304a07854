import Testing

@testable import EyecrestMarkdown

@Suite("MnemonicWords")
struct MnemonicWordsTests {
    @Test("Bracketed mnemonic letters are joined into the word they mark", arguments: [
        ("Recursively e[x]tract files from an archive", ["extract"]),
        ("- [l]ist the contents, [v]erbosely: `tar tvf path`", ["list", "verbosely"]),
        ("Use `--[d]ry-run` or [L]ist", ["dry", "list"]),
        ("e[x]ecute and then e[x]ecute again", ["execute"]),
        ("a [x] task-list box, a [link](https://example.com), a [ref][1] and [brackets] alone", []),
        ("numbers: ch[3]ck and [abcd]efgh", ["ch3ck"]),
        ("", []),
    ])
    func words(text: String, expected: [String]) {
        #expect(MnemonicWords.words(of: text) == expected)
    }

    @Test("The search text of a tldr-style page lists the joined words")
    func searchTextCarriesThem() throws {
        let document = Chunker().chunk(filename: "pages/common/tar.md", content: """
            # tar

            - E[x]tract a (compressed) archive file into the current directory [v]erbosely:

            `tar xvf {{path/to/source.tar[.gz|.bz2|.xz]}}`
            """)
        let section = try #require(document.sections.first)
        #expect(section.searchText.hasSuffix("extract verbosely"), "\(section.searchText)")
    }
}
