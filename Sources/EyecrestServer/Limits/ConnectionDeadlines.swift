import NIOCore

/// Why the server closed a connection before its client was done with it; the label of
/// `eyecrest_connections_closed_total`.
enum ConnectionCloseReason: String, Sendable, CaseIterable {
    case headerTimeout = "header_timeout"
    case bodyTimeout = "body_timeout"
    case idleTimeout = "idle_timeout"
    case connectionLimit = "connection_limit"
}

/// The one deadline a connection is under at any moment, by what the server waits for:
/// a whole request header (``TrafficLimits/headerTimeoutSeconds``), the next window of
/// body bytes (``TrafficLimits/bodyTimeoutSeconds`` at ``TrafficLimits/minBodyBytesPerSecond``),
/// or the next request on an idle keep-alive connection (``TrafficLimits/idleTimeoutSeconds``).
/// While a handler works on a request that has arrived whole, no deadline runs.
///
/// Two handlers feed it: ``RawBytesWatcher`` sees bytes (a header begins; whether the
/// server is asking for more), ``HTTPPartsWatcher`` sees parsed requests and written
/// responses. Both run on the channel's event loop, the only place this is touched.
final class ConnectionDeadlines {
    enum Phase { case header, body, handling, idle }

    private let limits: TrafficLimits
    private let onTimeout: @Sendable (ConnectionCloseReason) -> Void
    private(set) var phase = Phase.header
    /// Requests whose head has arrived and whose response has not ended.
    private var openRequests = 0
    private var bodyBytesInWindow = 0
    /// Whether the server has asked for bytes it has not yet received; when it has not,
    /// a quiet client is not the client's fault (a handler is still busy with earlier bytes).
    var serverAwaitsBytes = true
    private var timer: Scheduled<Void>?
    private var channel: (any Channel)?

    init(limits: TrafficLimits, onTimeout: @escaping @Sendable (ConnectionCloseReason) -> Void) {
        self.limits = limits
        self.onTimeout = onTimeout
    }

    /// The connection is open: its first request header is now owed.
    func start(channel: any Channel) {
        guard self.channel == nil else { return }
        self.channel = channel
        enter(.header)
    }

    func stop() {
        timer?.cancel()
        timer = nil
        channel = nil
    }

    /// Bytes arrived: on an idle connection, they begin a request header.
    func bytesArrived() {
        if phase == .idle { enter(.header) }
    }

    func requestHeadArrived() {
        openRequests += 1
        enter(.body)
    }

    func bodyBytesArrived(_ count: Int) {
        bodyBytesInWindow += count
    }

    func requestEnded() {
        enter(openRequests > 0 ? .handling : .idle)
    }

    func responseEnded() {
        openRequests = max(0, openRequests - 1)
        if openRequests == 0, phase == .handling { enter(.idle) }
    }

    private func enter(_ next: Phase) {
        phase = next
        bodyBytesInWindow = 0
        timer?.cancel()
        timer = nil
        let seconds: Int
        switch next {
        case .header: seconds = limits.headerTimeoutSeconds
        case .body: seconds = limits.bodyTimeoutSeconds
        case .idle: seconds = limits.idleTimeoutSeconds
        case .handling: return
        }
        guard let channel else { return }
        timer = channel.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: .seconds(Int64(seconds))) { [self] in
            expired(next)
        }
    }

    private func expired(_ phaseAtSchedule: Phase) {
        timer = nil
        guard phase == phaseAtSchedule else { return }
        switch phase {
        case .header: close(.headerTimeout)
        case .idle: close(.idleTimeout)
        case .body:
            let needed = max(1, limits.minBodyBytesPerSecond * limits.bodyTimeoutSeconds)
            if bodyBytesInWindow >= needed || !serverAwaitsBytes {
                enter(.body)  // the next window
            } else {
                close(.bodyTimeout)
            }
        case .handling: break
        }
    }

    private func close(_ reason: ConnectionCloseReason) {
        onTimeout(reason)
        channel?.close(promise: nil)
        stop()
    }
}
