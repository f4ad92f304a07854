// TEMPORARY stub until the real chunker lands.
public struct Section: Sendable, Equatable {
    public var heading: String
    public var headingPath: [String]
    public var slug: String
    public var level: Int
    public var part: Int
    public var startLine: Int
    public var endLine: Int
    public var text: String
    public var searchText: String
    public var weight: Double
}
public struct ChunkedDocument: Sendable, Equatable {
    public var title: String?
    public var description: String?
    public var sections: [Section]
}
public struct Chunker: Sendable {
    public var maxChunkBytes: Int
    public init(maxChunkBytes: Int = 8_000) { self.maxChunkBytes = maxChunkBytes }
    public func chunk(filename: String, content: String) -> ChunkedDocument {
        let lines = content.split(separator: "\n", omittingEmptySubsequences: false)
        return ChunkedDocument(title: nil, description: nil, sections: [Section(heading: "", headingPath: [], slug: "introduction", level: 0, part: 0, startLine: 1, endLine: max(1, lines.count), text: content, searchText: content, weight: 1)])
    }
    public static func isMarkdown(_ filename: String) -> Bool { filename.hasSuffix(".md") || filename.hasSuffix(".mdx") }
}
public enum SnippetCleaner { public static func clean(_ markdown: String) -> String { markdown } }
