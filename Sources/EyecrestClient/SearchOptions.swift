/// Search parameters besides the query; nil leaves the server's default.
public struct SearchOptions: Equatable, Sendable {
    public var page: Int?
    public var perPage: Int?
    public var maxChunksPerFile: Int?
    public var snippetLength: Int?
    public var pathPrefix: String?
    /// `false` turns typo tolerance off for this search.
    public var typoTolerance: Bool?

    public init(
        page: Int? = nil, perPage: Int? = nil, maxChunksPerFile: Int? = nil, snippetLength: Int? = nil, pathPrefix: String? = nil,
        typoTolerance: Bool? = nil
    ) {
        self.typoTolerance = typoTolerance
        self.page = page
        self.perPage = perPage
        self.maxChunksPerFile = maxChunksPerFile
        self.snippetLength = snippetLength
        self.pathPrefix = pathPrefix
    }
}
