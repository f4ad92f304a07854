import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// `/metrics`, `/openapi.json` and `/health` describe this server as it is.
@Suite("Truthful metadata")
struct TruthfulMetadataTests {
    @Test func everyMetricFamilyHasHelpAndType() async throws {
        try await withTestServer { client in
            try await client.seed("d", [("a.md", "# A\n\nalpha\n")])
            _ = try await client.call(.get, "/v1/datasets/d/search?query=alpha")
            let text = try await client.call(.get, "/metrics").text
            let lines = text.split(separator: "\n").map(String.init)
            let types = lines.filter { $0.hasPrefix("# TYPE ") }
            #expect(types.count >= 10, "\(text)")
            for (index, line) in lines.enumerated() where line.hasPrefix("# TYPE ") {
                let name = line.split(separator: " ")[2]
                #expect(index > 0 && lines[index - 1].hasPrefix("# HELP \(name) ") && lines[index - 1].count > "# HELP \(name) ".count, "no help for \(name)")
            }
            // Every sample belongs to a family announced before it.
            var announced: Set<String> = []
            for line in lines where !line.isEmpty {
                if line.hasPrefix("# TYPE ") { announced.insert(String(line.split(separator: " ")[2])); continue }
                if line.hasPrefix("#") { continue }
                let name = String(line.prefix { $0 != "{" && $0 != " " })
                let family = ["_bucket", "_sum", "_count"].reduce(name) { $0.hasSuffix($1) ? String($0.dropLast($1.count)) : $0 }
                #expect(announced.contains(name) || announced.contains(family), "\(line)")
            }
        }
    }

    @Test func processAndBuildMetricsAreReal() async throws {
        try await withTestServer { client in
            let text = try await client.call(.get, "/metrics").text
            #expect(text.contains("eyecrest_build_info{version=\"\(BuildInfo.version)\"} 1\n"))
            #expect(text.contains("# TYPE process_cpu_seconds_total counter\n"))
            let rss = try #require(sample("process_resident_memory_bytes", in: text))
            #expect(rss > 1_000_000, "a Swift server's resident memory is megabytes: \(rss)")
            let open = try #require(sample("process_open_fds", in: text))
            let max = try #require(sample("process_max_fds", in: text))
            #expect(open >= 3 && open <= max)
            let start = try #require(sample("process_start_time_seconds", in: text))
            #expect(abs(start - Date().timeIntervalSince1970) < 86_400 * 365, "start time \(start) is not near now")
        }
    }

    @Test func openAPIServersAreRelativeToTheDocument() async throws {
        try await withTestServer { client in
            let document = try await client.call(.get, "/openapi.json")
            let servers = try #require(document["servers"] as? [[String: Any]])
            #expect(servers.map { $0["url"] as? String } == ["/"])
            #expect(!document.text.contains("7400"))
        }
    }

    @Test func healthNamesTheVersion() async throws {
        try await withTestServer { client in
            let health = try await client.call(.get, "/health")
            #expect(health["version"] as? String == BuildInfo.version)
        }
    }

    private func sample(_ name: String, in text: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ")[1]) }
    }
}
