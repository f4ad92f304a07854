/// The answer of `GET /health`.
public struct Health: Codable, Equatable, Sendable, WireSchema {
    /// `ok`, or `degraded` (with a 503) when the server ran out of file descriptors,
    /// memory or disk within the last minute.
    public var status: String
    /// What ran out, when degraded.
    public var reason: String?
    /// Shard databases open now, and the most kept open (idle datasets close beyond it).
    public var openShards: Int
    public var maxOpenShards: Int
    /// The server's eyecrest version.
    public var version: String?

    public init(status: String, reason: String? = nil, openShards: Int, maxOpenShards: Int, version: String? = nil) {
        self.status = status
        self.reason = reason
        self.openShards = openShards
        self.maxOpenShards = maxOpenShards
        self.version = version
    }

    public static let fieldNotes: [String: FieldNote] = [
        "status": FieldNote(nil, ["enum": ["ok", "degraded"]]),
        "reason": FieldNote("What ran out: file descriptors or memory, or disk space."),
        "openShards": FieldNote("Shard databases open now."),
        "maxOpenShards": FieldNote("The most shard databases kept open (serve --max-open-shards)."),
        "version": FieldNote("The server's eyecrest version."),
    ]
}
