/// The answer of `GET /health`.
public struct Health: Codable, Equatable, Sendable, WireSchema {
    /// `ok`; `loading` (with a 503) while the server opens its datasets at start; or
    /// `degraded` (with a 503) when it ran out of file descriptors, memory or disk within
    /// the last minute.
    public var status: String
    /// What ran out, when degraded.
    public var reason: String?
    /// Shard databases open now, and the most kept open (idle datasets close beyond it).
    public var openShards: Int
    public var maxOpenShards: Int
    /// The server's eyecrest version.
    public var version: String?
    /// While loading: datasets opened so far, and how many there are.
    public var datasetsLoaded: Int?
    public var datasetsToLoad: Int?

    public init(status: String, reason: String? = nil, openShards: Int, maxOpenShards: Int, version: String? = nil) {
        self.status = status
        self.reason = reason
        self.openShards = openShards
        self.maxOpenShards = maxOpenShards
        self.version = version
    }

    /// The 503 answer while datasets load.
    public static func loading(_ loaded: Int, of total: Int, openShards: Int, maxOpenShards: Int, version: String?) -> Health {
        var health = Health(status: "loading", openShards: openShards, maxOpenShards: maxOpenShards, version: version)
        health.datasetsLoaded = loaded
        health.datasetsToLoad = total
        return health
    }

    public static let fieldNotes: [String: FieldNote] = [
        "status": FieldNote(nil, ["enum": ["ok", "loading", "degraded"]]),
        "datasetsLoaded": FieldNote("While loading: datasets whose index is built."),
        "datasetsToLoad": FieldNote("While loading: datasets the server opens before it reports ok."),
        "reason": FieldNote("What ran out: file descriptors or memory, or disk space."),
        "openShards": FieldNote("Shard databases open now."),
        "maxOpenShards": FieldNote("The most shard databases kept open (serve --max-open-shards)."),
        "version": FieldNote("The server's eyecrest version."),
    ]
}
