import NIOCore
import NIOHTTP1

/// First in a connection's pipeline: sees the raw bytes, so that a request header that
/// has begun but not finished is timed, and the server's requests for more bytes, so
/// that back-pressure is not mistaken for a slow client.
final class RawBytesWatcher: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = NIOAny
    typealias OutboundOut = NIOAny

    let deadlines: ConnectionDeadlines

    init(deadlines: ConnectionDeadlines) {
        self.deadlines = deadlines
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { deadlines.start(channel: context.channel) }
    }

    func channelActive(context: ChannelHandlerContext) {
        deadlines.start(channel: context.channel)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadlines.stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadlines.stop()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deadlines.bytesArrived()
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        deadlines.serverAwaitsBytes = false
        context.fireChannelReadComplete()
    }

    func read(context: ChannelHandlerContext) {
        deadlines.serverAwaitsBytes = true
        context.read()
    }
}

/// Between the HTTP/1 decoder and Hummingbird's codec: sees where each request's head,
/// body and end arrive, and where each response ends.
final class HTTPPartsWatcher: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    let deadlines: ConnectionDeadlines

    init(deadlines: ConnectionDeadlines) {
        self.deadlines = deadlines
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: deadlines.requestHeadArrived()
        case .body(let buffer): deadlines.bodyBytesArrived(buffer.readableBytes)
        case .end: deadlines.requestEnded()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { deadlines.responseEnded() }
        context.write(data, promise: promise)
    }
}

/// Answers a connection over ``TrafficLimits/maxConnections`` with 503 `server_busy` and
/// closes it, before any of its bytes are read.
final class ConnectionRefuser: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    static let response: String = {
        let body = #"{"error":"The server has too many open connections; retry shortly.","code":"server_busy"}"#
        return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nRetry-After: 1\r\n"
            + "Connection: close\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }()
    private var answered = false

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { refuse(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        refuse(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    private func refuse(_ context: ChannelHandlerContext) {
        guard !answered else { return }
        answered = true
        let buffer = context.channel.allocator.buffer(string: Self.response)
        context.writeAndFlush(NIOAny(buffer)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
