import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// The request-level guards of hostile load: per-org token buckets, the search queue
/// and the body budget, on their own and through the router.
@Suite("Rate limits, search shedding and the body budget")
struct TrafficGuardTests {
    @Test func rateLimitsAreTokenBucketsPerOrg() {
        let limiter = OrgRateLimiter(requestsPerSecond: 2, writeBytesPerSecond: 0)
        let start = ContinuousClock.now
        #expect(limiter.admit(org: "a", writeBytes: 0, now: start).allowed)
        #expect(limiter.admit(org: "a", writeBytes: 0, now: start).allowed)
        let denied = limiter.admit(org: "a", writeBytes: 0, now: start)
        #expect(denied == .init(allowed: false, limit: 2, remaining: 0, resetSeconds: 1, retryAfterSeconds: 1))
        // Another org has its own bucket.
        #expect(limiter.admit(org: "b", writeBytes: 0, now: start).allowed)
        // Half a second refills one request.
        #expect(limiter.admit(org: "a", writeBytes: 0, now: start + .milliseconds(500)).allowed)
        #expect(!limiter.admit(org: "a", writeBytes: 0, now: start + .milliseconds(500)).allowed)
    }

    @Test func aWriteMayOverdrawItsByteBucketOnceThenWaits() {
        let limiter = OrgRateLimiter(requestsPerSecond: 0, writeBytesPerSecond: 1_000)
        let start = ContinuousClock.now
        #expect(limiter.admit(org: "a", writeBytes: 3_000, now: start).allowed)
        let denied = limiter.admit(org: "a", writeBytes: 10, now: start + .seconds(1))
        #expect(!denied.allowed && denied.limit == 1_000 && denied.retryAfterSeconds == 1)
        // Reads cost no bytes.
        #expect(limiter.admit(org: "a", writeBytes: 0, now: start + .seconds(1)).allowed)
        #expect(limiter.admit(org: "a", writeBytes: 10, now: start + .seconds(3)).allowed)
    }

    @Test func searchesBeyondTheQueueAreShedAndWaitersRunInOrder() async {
        let gate = SearchGate(maxConcurrent: 1, maxQueued: 1)
        #expect(await gate.enter())
        let waiter = Task { await gate.enter() }
        while gate.waiting == 0 { await Task.yield() }
        #expect(await gate.enter() == false)
        gate.leave()
        #expect(await waiter.value)
        gate.leave()
        #expect(await gate.enter())
    }

    @Test func theBodyBudgetReservesDeclaredBytesAndReleasesThem() {
        let budget = BodyByteBudget(capacity: 100)
        let first = budget.reserve(60)
        #expect(first == 60)
        #expect(budget.reserve(60) == nil)
        #expect(budget.reserve(500) == nil)
        budget.release(60)
        // One body larger than the whole budget may still run alone.
        #expect(budget.reserve(500) == 100)
        #expect(budget.inUse == 100)
    }

    @Test func overTheRateLimitIsA429WithRateLimitHeaders() async throws {
        try await withTestServer(configure: { $0.traffic.rateLimitRequestsPerSecond = 1 }) { client in
            // Until one is refused: at one request a second, a busy machine answering each in
            // over a second could otherwise never exceed the limit.
            var statuses: [HTTPResponse.Status] = []
            var limited: JSONResult?
            while limited == nil, statuses.count < 50 {
                let result = try await client.call(.get, "/v1/datasets")
                statuses.append(result.status)
                if result.status == .tooManyRequests { limited = result }
            }
            #expect(statuses.first == .ok, "\(statuses)")
            let answer = try #require(limited, "\(statuses)")
            expectError(answer, .tooManyRequests, "rate_limited")
            #expect(Int(answer.headers[.retryAfter] ?? "") ?? 0 >= 1)
            let limit = try #require(RateLimitMiddleware.limitHeader)
            let remaining = try #require(RateLimitMiddleware.remainingHeader)
            let reset = try #require(RateLimitMiddleware.resetHeader)
            #expect(answer.headers[limit] == "1" && answer.headers[remaining] == "0" && answer.headers[reset] == "1", "\(answer.headers)")
            // Liveness and metrics are never limited.
            for _ in 0..<3 { #expect(try await client.call(.get, "/health").status == .ok) }
            let metrics = try await client.call(.get, "/metrics")
            #expect(metrics.text.contains(#"eyecrest_requests_refused_total{reason="rate_limited"}"#))
        }
    }

    @Test func withoutRateLimitsNoRateLimitHeadersAreSent() async throws {
        try await withTestServer { client in
            let result = try await client.call(.get, "/v1/datasets")
            #expect(result.status == .ok)
            #expect(result.headers[try #require(RateLimitMiddleware.limitHeader)] == nil)
        }
    }
}
