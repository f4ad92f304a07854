import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// Hummingbird's HTTP/1 child channel with eyecrest's connection limits in front of it:
/// connections over ``TrafficLimits/maxConnections`` are refused with a 503, and every
/// admitted connection runs under ``ConnectionDeadlines`` (header, body and idle timeouts).
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let limits: TrafficLimits
    let connections: ConnectionCount
    let metrics: ServerMetrics

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let admitted = connections.open()
        let metrics = metrics
        if admitted {
            let connections = connections
            channel.closeFuture.whenComplete { _ in metrics.recordOpenConnections(connections.close()) }
        } else {
            metrics.recordConnectionClosed(.connectionLimit)
        }
        metrics.recordOpenConnections(connections.current)
        // The child-channel initializer runs on the channel's event loop.
        do {
            let pipeline = channel.pipeline.syncOperations
            guard admitted else {
                try pipeline.addHandler(ConnectionRefuser(), position: .first)
                return inner.setup(channel: channel, logger: logger)
            }
            let deadlines = ConnectionDeadlines(limits: limits) { reason in metrics.recordConnectionClosed(reason) }
            try pipeline.addHandler(RawBytesWatcher(deadlines: deadlines), position: .first)
            return inner.setup(channel: channel, logger: logger).assumeIsolated().flatMapThrowing { value in
                let pipeline = channel.pipeline.syncOperations
                let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
                try pipeline.addHandler(HTTPPartsWatcher(deadlines: deadlines), position: .after(decoder))
                return value
            }.nonisolated()
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
    }

    /// The server `Application` runs: HTTP/1 under these limits, with one connection count.
    static func server(limits: TrafficLimits, metrics: ServerMetrics) -> HTTPServerBuilder {
        let connections = ConnectionCount(limit: limits.maxConnections)
        return HTTPServerBuilder { responder in
            GuardedHTTP1Channel(inner: HTTP1Channel(responder: responder), limits: limits, connections: connections, metrics: metrics)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// Open client connections against ``TrafficLimits/maxConnections``.
final class ConnectionCount: Sendable {
    let limit: Int
    private let count = Mutex(0)

    init(limit: Int) {
        self.limit = limit
    }

    var current: Int { count.withLock { $0 } }

    /// Counts a new connection; false (and not counted) when the limit is reached.
    func open() -> Bool {
        count.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    /// Returns the count after one closed.
    func close() -> Int {
        count.withLock { count in
            count -= 1
            return count
        }
    }
}
