import Synchronization

/// Per-org token buckets for requests per second and written bytes per second
/// (``TrafficLimits/rateLimitRequestsPerSecond``, ``TrafficLimits/rateLimitWriteBytesPerSecond``).
/// Each bucket holds one second's worth and refills continuously. A write may overdraw its
/// byte bucket once (a body larger than a second's worth is allowed), and the org then
/// waits until the debt is repaid.
final class OrgRateLimiter: Sendable {
    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant

        mutating func refill(rate: Double, now: ContinuousClock.Instant) {
            let elapsed = now - updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            tokens = min(rate, tokens + seconds * rate)
            updated = now
        }
    }

    /// What one request learns: whether it may run, and what the `RateLimit-*` headers say.
    struct Decision: Equatable {
        var allowed: Bool
        var limit: Int
        var remaining: Int
        /// Seconds until the reported bucket is full again.
        var resetSeconds: Int
        /// Seconds until a denied request could succeed.
        var retryAfterSeconds: Int
    }

    let requestsPerSecond: Int
    let writeBytesPerSecond: Int
    /// Beyond this many orgs, those with full buckets (idle ones) are forgotten.
    static let trackedOrgs = 10_000
    private let buckets = Mutex([String: (requests: Bucket, bytes: Bucket)]())

    init(requestsPerSecond: Int, writeBytesPerSecond: Int) {
        self.requestsPerSecond = requestsPerSecond
        self.writeBytesPerSecond = writeBytesPerSecond
    }

    var isEnabled: Bool { requestsPerSecond > 0 || writeBytesPerSecond > 0 }

    /// Charges one request writing `writeBytes` to `org`, or charges nothing and denies it.
    func admit(org: String, writeBytes: Int, now: ContinuousClock.Instant = .now) -> Decision {
        let requestRate = Double(requestsPerSecond)
        let byteRate = Double(writeBytesPerSecond)
        return buckets.withLock { buckets in
            if buckets.count > Self.trackedOrgs { forgetIdle(&buckets, now: now) }
            var entry = buckets[org] ?? (Bucket(tokens: requestRate, updated: now), Bucket(tokens: byteRate, updated: now))
            entry.requests.refill(rate: requestRate, now: now)
            entry.bytes.refill(rate: byteRate, now: now)
            let requestsShort = requestsPerSecond > 0 && entry.requests.tokens < 1
            let bytesShort = writeBytesPerSecond > 0 && writeBytes > 0 && entry.bytes.tokens <= 0
            let allowed = !requestsShort && !bytesShort
            if allowed {
                entry.requests.tokens -= requestsPerSecond > 0 ? 1 : 0
                entry.bytes.tokens -= writeBytesPerSecond > 0 ? Double(writeBytes) : 0
            }
            buckets[org] = entry
            // The headers describe the bucket that decided: bytes when they denied or are the only limit.
            let reportBytes = bytesShort || requestsPerSecond == 0
            let (bucket, rate) = reportBytes ? (entry.bytes, byteRate) : (entry.requests, requestRate)
            let needed = reportBytes ? -bucket.tokens : 1 - bucket.tokens
            return Decision(
                allowed: allowed, limit: Int(rate), remaining: max(0, Int(bucket.tokens.rounded(.down))),
                resetSeconds: Int(((rate - bucket.tokens) / rate).rounded(.up)),
                retryAfterSeconds: allowed ? 0 : max(1, Int((needed / rate).rounded(.up))))
        }
    }

    private func forgetIdle(_ buckets: inout [String: (requests: Bucket, bytes: Bucket)], now: ContinuousClock.Instant) {
        let requestRate = Double(requestsPerSecond)
        let byteRate = Double(writeBytesPerSecond)
        buckets = buckets.filter { _, entry in
            var entry = entry
            entry.requests.refill(rate: requestRate, now: now)
            entry.bytes.refill(rate: byteRate, now: now)
            return entry.requests.tokens < requestRate || entry.bytes.tokens < byteRate
        }
    }
}
