import ArgumentParser
import EyecrestServer

/// `eyecrest serve`'s limits on what clients together may hold (``TrafficLimits``). Each
/// flag has an environment variable; a flag wins over its variable, and both default to
/// ``TrafficLimits``' values.
struct TrafficOptions: ParsableArguments {
    @Option(help: "Seconds a request header may take to arrive (env EYECREST_HEADER_TIMEOUT). [default: 10]")
    var headerTimeout: Int?

    @Option(help: "Window in seconds over which a request body must keep --min-body-bytes-per-second (env EYECREST_BODY_TIMEOUT). [default: 20]")
    var bodyTimeout: Int?

    @Option(help: "Slowest accepted body transfer in bytes per second; 0 only requires some bytes per window (env EYECREST_MIN_BODY_BYTES_PER_SECOND). [default: 1024]")
    var minBodyBytesPerSecond: Int?

    @Option(help: "Seconds an idle keep-alive connection stays open (env EYECREST_IDLE_TIMEOUT). [default: 60]")
    var idleTimeout: Int?

    @Option(help: "Most client connections at once; more are answered 503 (env EYECREST_MAX_CONNECTIONS). [default: from the open-file limit, now \(TrafficLimits.defaultMaxConnections())]")
    var maxConnections: Int?

    @Option(help: "Most request-body bytes read or held at once; more are answered 503 (env EYECREST_MAX_BODY_BYTES_IN_FLIGHT). [default: a quarter of RAM, now \(TrafficLimits.defaultMaxBodyBytesInFlight())]")
    var maxBodyBytesInFlight: Int?

    @Option(help: "Requests per second per org, 0 for none; more are answered 429 (env EYECREST_RATE_LIMIT_REQUESTS_PER_SECOND). [default: 0]")
    var rateLimitRequestsPerSecond: Int?

    @Option(help: "Request-body bytes written per second per org, 0 for none (env EYECREST_RATE_LIMIT_WRITE_BYTES_PER_SECOND). [default: 0]")
    var rateLimitWriteBytesPerSecond: Int?

    @Option(help: "Most searches answered at once (env EYECREST_MAX_CONCURRENT_SEARCHES). [default: 2 per core, now \(TrafficLimits.defaultMaxConcurrentSearches())]")
    var maxConcurrentSearches: Int?

    @Option(help: "Most searches waiting for a turn; more are answered 503 (env EYECREST_MAX_QUEUED_SEARCHES). [default: 64]")
    var maxQueuedSearches: Int?

    /// The limits from flags, then `environment`, then the defaults. Ranges are checked
    /// later, by ``ServerConfiguration/validate()``, with messages naming the flag.
    func resolve(environment: [String: String]) throws -> TrafficLimits {
        let limits = TrafficLimits()
        let settings: [(flag: Int?, variable: String, keyPath: WritableKeyPath<TrafficLimits, Int>)] = [
            (headerTimeout, "EYECREST_HEADER_TIMEOUT", \.headerTimeoutSeconds),
            (bodyTimeout, "EYECREST_BODY_TIMEOUT", \.bodyTimeoutSeconds),
            (minBodyBytesPerSecond, "EYECREST_MIN_BODY_BYTES_PER_SECOND", \.minBodyBytesPerSecond),
            (idleTimeout, "EYECREST_IDLE_TIMEOUT", \.idleTimeoutSeconds),
            (maxConnections, "EYECREST_MAX_CONNECTIONS", \.maxConnections),
            (maxBodyBytesInFlight, "EYECREST_MAX_BODY_BYTES_IN_FLIGHT", \.maxBodyBytesInFlight),
            (rateLimitRequestsPerSecond, "EYECREST_RATE_LIMIT_REQUESTS_PER_SECOND", \.rateLimitRequestsPerSecond),
            (rateLimitWriteBytesPerSecond, "EYECREST_RATE_LIMIT_WRITE_BYTES_PER_SECOND", \.rateLimitWriteBytesPerSecond),
            (maxConcurrentSearches, "EYECREST_MAX_CONCURRENT_SEARCHES", \.maxConcurrentSearches),
            (maxQueuedSearches, "EYECREST_MAX_QUEUED_SEARCHES", \.maxQueuedSearches),
        ]
        return try OptionResolution.apply(settings, to: limits, environment: environment)
    }
}
