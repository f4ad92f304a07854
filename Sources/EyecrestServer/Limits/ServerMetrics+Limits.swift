import CoreMetrics
import Metrics

/// Why a request was refused before its route ran; the label of `eyecrest_requests_refused_total`.
enum RefusalReason: String, Sendable {
    case memoryBudget = "memory_budget"
    case rateLimited = "rate_limited"
    case shed = "shed"
}

extension ServerMetrics {
    /// A connection closed by a timeout or refused over the connection limit.
    func recordConnectionClosed(_ reason: ConnectionCloseReason) {
        Counter(label: "eyecrest_connections_closed_total", dimensions: [("reason", reason.rawValue)], factory: factory).increment()
    }

    func recordOpenConnections(_ count: Int) {
        Gauge(label: "eyecrest_open_connections", dimensions: [], factory: factory).record(count)
    }

    func recordRefusal(_ reason: RefusalReason) {
        Counter(label: "eyecrest_requests_refused_total", dimensions: [("reason", reason.rawValue)], factory: factory).increment()
    }

    func recordBodyBytesInFlight(_ bytes: Int) {
        Gauge(label: "eyecrest_body_bytes_in_flight", dimensions: [], factory: factory).record(bytes)
    }
}
