import EyecrestEngine
import Foundation

/// The operator-tunable bounds on what clients together may hold of the server: how long
/// a connection may dawdle, how many may be open, how many body bytes may be in flight,
/// how fast one org may go and how many searches may wait. Each exists so that a slow,
/// greedy or hostile client costs a bounded share of files, memory and cores, and is
/// answered with a status and a stable code rather than starving everyone else
/// (docs/api.md, "Hostile load").
public struct TrafficLimits: Sendable, Equatable {
    /// Seconds a request's header may take to arrive in full, from the connection's
    /// first byte (or its opening): a slow header is closed after it.
    public var headerTimeoutSeconds = 10
    /// The window, in seconds, over which a request body must arrive at
    /// ``minBodyBytesPerSecond`` (any bytes at all when that is 0) or the connection closes.
    public var bodyTimeoutSeconds = 20
    /// The slowest body transfer accepted, in bytes per second averaged over each
    /// ``bodyTimeoutSeconds`` window. Windows in which the server itself was not reading
    /// (a handler busy with earlier bytes) are not held against the client.
    public var minBodyBytesPerSecond = 1_024
    /// Seconds a keep-alive connection may wait for its next request.
    public var idleTimeoutSeconds = 60
    /// The most client connections open at once; more are answered 503 `server_busy` and
    /// closed at once, so clients never take the descriptors datasets need.
    public var maxConnections = Self.defaultMaxConnections()
    /// The most request-body bytes read or held at once across all requests (declared
    /// lengths reserved up front, chunked bodies as they arrive): 503 `server_busy` beyond it.
    public var maxBodyBytesInFlight = Self.defaultMaxBodyBytesInFlight()
    /// Requests per second one org may make, with a burst of one second's worth; 0 is off
    /// (429 `rate_limited` beyond it).
    public var rateLimitRequestsPerSecond = 0
    /// Request-body bytes per second one org may write; 0 is off. A write may overdraw the
    /// bucket once, so a body larger than a second's worth is still possible, then waited for.
    public var rateLimitWriteBytesPerSecond = 0
    /// The most searches answered at once; more wait in a queue.
    public var maxConcurrentSearches = Self.defaultMaxConcurrentSearches()
    /// The most searches waiting for a turn; more are shed with 503 `server_busy`.
    public var maxQueuedSearches = 64

    public init() {}

    /// Client connections on top of what datasets use: a quarter of the open-file limit
    /// less room for the catalog, logs and connections being refused. 192 at 1,024 files.
    public static func defaultMaxConnections(fileLimit: Int = Engine.openFileLimit) -> Int {
        max(16, fileLimit / 4 - 64)
    }

    /// A quarter of physical memory: leaves the rest to the engine's caches and the system.
    public static func defaultMaxBodyBytesInFlight(physicalMemory: UInt64 = ProcessInfo.processInfo.physicalMemory) -> Int {
        max(64 << 20, Int(clamping: physicalMemory / 4))
    }

    /// Two per core: a search waits on I/O as well as computing, but more than this only
    /// makes every search slower.
    public static func defaultMaxConcurrentSearches() -> Int {
        max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
    }

    /// The range each may be configured to.
    static var ceilings: [(name: String, keyPath: KeyPath<TrafficLimits, Int>, range: ClosedRange<Int>)] {
        [
            ("header-timeout", \.headerTimeoutSeconds, 1...3_600),
            ("body-timeout", \.bodyTimeoutSeconds, 1...3_600),
            ("min-body-bytes-per-second", \.minBodyBytesPerSecond, 0...(1 << 30)),
            ("idle-timeout", \.idleTimeoutSeconds, 1...86_400),
            ("max-connections", \.maxConnections, 1...1_000_000),
            ("max-body-bytes-in-flight", \.maxBodyBytesInFlight, 1_024...(1 << 44)),
            ("rate-limit-requests-per-second", \.rateLimitRequestsPerSecond, 0...1_000_000),
            ("rate-limit-write-bytes-per-second", \.rateLimitWriteBytesPerSecond, 0...(1 << 40)),
            ("max-concurrent-searches", \.maxConcurrentSearches, 1...10_000),
            ("max-queued-searches", \.maxQueuedSearches, 0...1_000_000),
        ]
    }

    /// Throws ``StartupError`` for a value outside its range, or for a memory budget
    /// smaller than the largest body (such a request could never be admitted).
    public func validate(requestLimits: RequestLimits) throws(StartupError) {
        for (name, keyPath, range) in Self.ceilings where !range.contains(self[keyPath: keyPath]) {
            throw StartupError("--\(name) must be between \(range.lowerBound) and \(range.upperBound).")
        }
        if maxBodyBytesInFlight < requestLimits.maxBodyBytes {
            throw StartupError("--max-body-bytes-in-flight must be at least --max-body-bytes (\(requestLimits.maxBodyBytes)).")
        }
    }
}
