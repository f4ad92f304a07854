import Testing
@testable import EyecrestMarkdown

@Suite("IdentifierSplitter")
struct IdentifierSplitterTests {
    @Test(arguments: [
        ("getUserData", ["get", "user", "data"]),
        ("HTTPServer", ["http", "server"]),
        ("parseJSON2", ["parse", "json2"]),
        ("XMLHttpRequest", ["xml", "http", "request"]),
        ("utf8Decoder", ["utf8", "decoder"]),
        ("iPhone", ["i", "phone"]),
        ("MyComponent.render", ["my", "component"]),
        ("hello Hello HELLO", []),
        ("snake_case kebab-case dot.path", []),
        ("", []),
        ("caféBar", []),
    ])
    func splits(_ text: String, _ expected: [String]) {
        #expect(IdentifierSplitter.parts(of: text) == expected)
    }

    @Test func partsAreDeduplicatedInFirstOccurrenceOrder() {
        let text = "Use getUserData, then setUserName and getUserData again; UserData too."
        #expect(IdentifierSplitter.parts(of: text) == ["get", "user", "data", "set", "name"])
    }
}
