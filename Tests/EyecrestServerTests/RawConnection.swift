import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to a loopback port, for tests that must behave as no HTTP
/// client library would: stop halfway through a header, stall in a body, or sit idle.
/// Closed by ``close()`` or when released.
final class RawConnection {
    private var fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0, "connect failed: errno \(errno)")
    }

    deinit { close() }

    func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
    }

    /// Sends all of `text`; false when the server has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool { send(Data(text.utf8)) }

    @discardableResult
    func send(_ data: Data) -> Bool {
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let sent = Glibc.send(fd, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }

    /// Reads until the server closes the connection or `timeout` passes without a byte.
    /// `closed` is false only for the timeout; a reset counts as closed.
    func readUntilClosed(timeout: Duration = .seconds(60)) -> (text: String, closed: Bool) {
        var received = Data()
        while true {
            guard let chunk = receive(within: timeout) else { return (String(decoding: received, as: UTF8.self), false) }
            if chunk.isEmpty { return (String(decoding: received, as: UTF8.self), true) }
            received.append(contentsOf: chunk)
        }
    }

    /// Reads one response's head and as much of its body as arrives within `timeout`;
    /// enough for the short JSON answers of refusals.
    func readResponse(timeout: Duration = .seconds(30)) -> String {
        var received = Data()
        while !String(decoding: received, as: UTF8.self).contains("}") {
            guard let chunk = receive(within: timeout), !chunk.isEmpty else { break }
            received.append(contentsOf: chunk)
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// The next bytes, empty when the server closed or reset the connection, nil when
    /// none came within `timeout`. A signal interrupting the wait (the test process reaps
    /// the servers other tests start) is not a timeout: the wait goes on for what is left.
    private func receive(within timeout: Duration) -> [UInt8]? {
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return nil }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(left.components.seconds * 1_000 + left.components.attoseconds / 1_000_000_000_000_000))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { return nil }
            var chunk = [UInt8](repeating: 0, count: 4_096)
            let count = recv(fd, &chunk, chunk.count, 0)
            if count < 0, errno == EINTR { continue }
            return count > 0 ? Array(chunk[0..<count]) : []
        }
    }
}
