/// What a health check needs to know about the engine (``Engine/health``).
public struct EngineHealth: Sendable, Equatable {
    /// Shard databases open now, and the most that stay open (idle datasets beyond it close).
    public var openShards: Int
    public var maxOpenShards: Int
    /// Seconds since the engine last ran out of file descriptors, memory or disk, if it
    /// ever did, and what ran out.
    public var secondsSinceResourceExhaustion: Int64?
    public var resourceExhaustion: String?
    /// While ``Engine/warmUp()`` opens the datasets: how far it is.
    public var loading: WarmUpProgress? = nil
}
