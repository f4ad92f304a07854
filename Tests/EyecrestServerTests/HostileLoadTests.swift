import EyecrestClient
import Foundation
import Testing

/// A live server under the attacks of a hostile client, with short timeouts so that the
/// tests wait seconds, not the defaults' minutes. Nothing here measures time: each test
/// waits (with a generous bound) for what the server must do, then checks what it did.
@Suite("Hostile load on a live server")
struct HostileLoadTests {
    /// A real server with `arguments` in a fresh folder, for `body`; stopped by its PID
    /// whatever happens.
    static func withServer(_ arguments: [String], _ body: (ServerProcess) async throws -> Void) async throws {
        var log = ""
        let status = try await ServerProcess.scoped("hostile", extraArguments: arguments) { server in
            try await body(server)
            log = server.log()
        }
        #expect(status == 0, "\(log.suffix(2_000))")
    }

    /// The value of one unlabelled or labelled sample in the server's metrics, 0 if absent.
    static func metric(_ server: ServerProcess, _ sample: String) async throws -> Double {
        let text = try await server.client.metrics()
        let line = text.split(separator: "\n").first { $0.hasPrefix(sample + " ") }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
    }

    /// Polls a metric until `condition` holds (or 30 s pass, which fails the test).
    static func waitForMetric(_ server: ServerProcess, _ sample: String, _ condition: (Double) -> Bool) async throws {
        for _ in 0..<300 {
            if condition(try await metric(server, sample)) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("\(sample) never reached the expected value; it is \(try await metric(server, sample))")
    }

    @Test("Half-sent headers are closed after the header timeout; over the connection limit, 503 server_busy at once", .timeLimit(.minutes(2)))
    func slowHeaders() async throws {
        try await Self.withServer(["--header-timeout", "1", "--max-connections", "6"]) { server in
            let connections = try (0..<9).map { _ in try RawConnection(port: server.port) }
            for connection in connections { connection.send("GET /health HTTP/1.1\r\nHost: eyecrest\r\nX-Slow: ") }
            var refused = 0
            var timedOut = 0
            for connection in connections {
                let (text, closed) = connection.readUntilClosed()
                #expect(closed, "a slow header was kept open")
                if text.hasPrefix("HTTP/1.1 503") {
                    #expect(text.contains(#""code":"server_busy""#) && text.contains("Retry-After: 1"), "\(text)")
                    refused += 1
                } else {
                    #expect(text.isEmpty, "\(text)")
                    timedOut += 1
                }
            }
            // The readiness probe's keep-alive connection may still hold one of the six.
            #expect(refused >= 3 && refused <= 4 && refused + timedOut == 9, "refused \(refused), timed out \(timedOut)")
            #expect(await server.client.health())
            #expect(try await Self.metric(server, #"eyecrest_connections_closed_total{reason="header_timeout"}"#) == Double(timedOut))
            #expect(try await Self.metric(server, #"eyecrest_connections_closed_total{reason="connection_limit"}"#) == Double(refused))
        }
    }

    @Test("An idle keep-alive connection is closed after the idle timeout", .timeLimit(.minutes(2)))
    func idleKeepAlive() async throws {
        try await Self.withServer(["--idle-timeout", "1"]) { server in
            let connection = try RawConnection(port: server.port)
            connection.send("GET /health HTTP/1.1\r\nHost: eyecrest\r\n\r\n")
            let (text, closed) = connection.readUntilClosed()
            #expect(text.hasPrefix("HTTP/1.1 200"), "\(text)")
            #expect(closed)
            #expect(try await Self.metric(server, #"eyecrest_connections_closed_total{reason="idle_timeout"}"#) >= 1)
        }
    }

    @Test("Stalled uploads hold no more than the memory budget, are closed after the body timeout and store nothing", .timeLimit(.minutes(2)))
    func stalledBodies() async throws {
        let megabyte = 1_048_576
        try await Self.withServer([
            "--max-body-bytes", String(megabyte), "--max-file-bytes", String(megabyte / 2), "--max-body-bytes-in-flight", String(2 * megabyte), "--body-timeout", "5",
        ]) { server in
            let client = server.client
            try await client.createDataset("stalled")
            let head = "PUT /v1/datasets/stalled/files HTTP/1.1\r\nHost: eyecrest\r\nContent-Type: application/json\r\nContent-Length: \(megabyte)\r\n\r\n"
            let partial = #"{"files":[{"filename":"a.md","content":""# + String(repeating: "x", count: 100_000)
            let stalled = try (0..<2).map { _ in try RawConnection(port: server.port) }
            for connection in stalled { connection.send(head + partial) }
            try await Self.waitForMetric(server, "eyecrest_body_bytes_in_flight") { $0 == Double(2 * megabyte) }

            let refused = try RawConnection(port: server.port)
            refused.send(head)
            let answer = refused.readResponse()
            #expect(answer.hasPrefix("HTTP/1.1 503"), "\(answer)")
            #expect(answer.contains("Retry-After: 1") && answer.contains(#""code":"server_busy""#), "\(answer)")
            refused.close()

            for connection in stalled { #expect(connection.readUntilClosed().closed) }
            try await Self.waitForMetric(server, "eyecrest_body_bytes_in_flight") { $0 == 0 }
            #expect(try await Self.metric(server, #"eyecrest_connections_closed_total{reason="body_timeout"}"#) >= 2)
            #expect(try await Self.metric(server, #"eyecrest_requests_refused_total{reason="memory_budget"}"#) >= 1)
            #expect(try await client.listFiles("stalled").files.isEmpty)
            _ = try await client.upsertFiles("stalled", files: [FileInput(filename: "b.md", content: "# B\n\nwhole\n")])
            #expect(try await client.listFiles("stalled").files.map(\.filename) == ["b.md"])
        }
    }

    @Test("A body cut off before its Content-Length is a 408 request_timeout that stores nothing", .timeLimit(.minutes(2)))
    func cutOffBody() async throws {
        try await Self.withServer([]) { server in
            let client = server.client
            try await client.createDataset("cut")
            let body = ##"{"files":[{"filename":"a.md","content":"# A"}]}"##
            let connection = try RawConnection(port: server.port)
            // The declared length is one byte more than is sent: the server waits, the client leaves.
            connection.send("PUT /v1/datasets/cut/files HTTP/1.1\r\nHost: eyecrest\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count + 1)\r\n\r\n\(body)")
            try await Task.sleep(for: .milliseconds(200))
            connection.close()
            try await Self.waitForMetric(server, #"eyecrest_http_requests_total{route="/v1/datasets/{datasetId}/files",method="PUT",status="408"}"#) { $0 == 1 }
            #expect(try await client.listFiles("cut").files.isEmpty)
            #expect(!server.log().contains("request failed"), "\(server.log().suffix(1_000))")
        }
    }

    @Test("Limits outside their ranges stop the server before it starts")
    func limitsOutsideTheirRanges() async throws {
        try await withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data").path
            for (arguments, flag) in [
                (["--header-timeout", "0"], "--header-timeout"), (["--max-connections", "0"], "--max-connections"),
                (["--max-body-bytes-in-flight", "4096"], "--max-body-bytes-in-flight"),
                (["--rate-limit-requests-per-second", "-1"], "--rate-limit-requests-per-second"),
            ] {
                let result = try await runCLI(["serve", "--port", "0", "--data-dir", data] + arguments, in: directory)
                #expect(result.status != 0, "\(arguments)")
                #expect(result.stderr.contains(flag), "\(arguments): \(result.stderr)")
            }
            let fromEnvironment = try await runCLI(["serve", "--port", "0", "--data-dir", data], in: directory, environment: ["EYECREST_IDLE_TIMEOUT": "soon"])
            #expect(fromEnvironment.status != 0 && fromEnvironment.stderr.contains("EYECREST_IDLE_TIMEOUT"), "\(fromEnvironment.stderr)")
        }
    }
}
