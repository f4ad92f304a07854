import Testing
@testable import EyecrestMarkdown

@Suite("SnippetCleaner")
struct SnippetCleanerTests {
    @Test(arguments: [
        ("basic.md", "Heading 1 Heading 2 This is a paragraph with bold and italic text. List item 1 List item 2 Nested item Numbered item Another item"),
        ("code.md", "Code Examples Here is some inline code in a sentence. function hello() { console.log(\"Hello world\"); } And some more text after the code block."),
        ("comments.md", "Document Text with special characters: <>&\"' and symbols: @#$%^&*() More content here."),
        ("links.md", "Links and Images Check out this link and another one. Alt text for image Here's a reference link."),
        ("quotes-tables.md", "Quotes and Tables This is a blockquote with multiple lines And nested quotes Header 1 Header 2 Cell 1 Cell 2 Cell 3 Cell 4"),
    ])
    func cleanerFixture(_ name: String, _ expected: String) throws {
        let md = try TestSupport.read("eyecrest-original/cleaner/" + name)
        #expect(SnippetCleaner.clean(md) == expected)
    }

    @Test(arguments: [
        ("**bold** and __strong__ and *em* and _em_ and ~~gone~~", "bold and strong and em and em and gone"),
        ("keep snake_case_name and __init__ and 2 * 3", "keep snake_case_name and init and 2 * 3"),
        ("`a_b` and ``code with ` tick``", "a_b and code with ` tick"),
        ("<kbd>Ctrl</kbd>+<kbd>C</kbd> and a < b > c", "Ctrl + C and a < b > c"),
        ("- [ ] todo\n- [x] done\n1) first", "todo done first"),
        ("Title\n=====\n\n***\n\nText \\*not em\\*", "Title Text *not em*"),
        ("   \n\t\n", ""),
    ])
    func cleans(_ input: String, _ expected: String) {
        #expect(SnippetCleaner.clean(input) == expected)
    }
}
