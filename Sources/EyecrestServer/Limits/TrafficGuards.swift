import Hummingbird

/// Installs the request-level guards of ``TrafficLimits`` on a router, after
/// authentication (rate limits are per org): rate limits first (the cheapest refusal),
/// then search shedding, then the body budget, so that a refused request never holds
/// budget or a search slot. Connection-level guards are in ``GuardedHTTP1Channel``.
enum TrafficGuards {
    static func install(on router: Router<EyecrestRequestContext>, limits: TrafficLimits, requestLimits: RequestLimits, metrics: ServerMetrics) {
        let limiter = OrgRateLimiter(requestsPerSecond: limits.rateLimitRequestsPerSecond, writeBytesPerSecond: limits.rateLimitWriteBytesPerSecond)
        router.add(middleware: RateLimitMiddleware(limiter: limiter, metrics: metrics))
        router.add(
            middleware: SearchSheddingMiddleware(
                gate: SearchGate(maxConcurrent: limits.maxConcurrentSearches, maxQueued: limits.maxQueuedSearches),
                threads: SearchThreads.pool(count: limits.maxConcurrentSearches), metrics: metrics))
        router.add(middleware: BodyBudgetMiddleware(
                budget: BodyByteBudget(capacity: limits.maxBodyBytesInFlight), metrics: metrics,
                largestBody: max(requestLimits.maxBodyBytes, requestLimits.maxArchiveBytes)))
    }
}
