/// `# HELP` text for the families recorded through swift-metrics, whose API carries none:
/// added to the exposition before each family's `# TYPE` line.
enum MetricsHelp {
    static let text: [String: String] = [
        "eyecrest_http_requests_total": "HTTP requests answered, by route template, method and status.",
        "eyecrest_http_request_duration_seconds": "Time to answer an HTTP request, by route template and method.",
        "eyecrest_search_duration_seconds": "Time the engine took to run one search.",
        "eyecrest_dataset_files": "Files in a dataset, as last seen by this server.",
        "eyecrest_dataset_sections": "Indexed sections in a dataset, as last seen by this server.",
        "eyecrest_connections_closed_total": "Connections the server closed, by reason: header, body or idle timeout, or the connection limit.",
        "eyecrest_requests_refused_total": "Requests refused before any work, by reason: memory budget, rate limit, or shed under overload.",
        "eyecrest_open_connections": "Client connections open now.",
        "eyecrest_body_bytes_in_flight": "Bytes of request bodies being read or held now, against the memory budget.",
        "eyecrest_reshardings_running": "Reshardings in progress on this node.",
        "eyecrest_resharding_files_moved": "Files a dataset's resharding has copied into its new shards (0 once it is done).",
        "eyecrest_resharding_files_to_move": "Files a dataset's resharding copies in all (0 once it is done).",
        "eyecrest_replication_lag_entries": "Log entries a replica region has not applied, the most over this node's primary datasets.",
        "eyecrest_replication_lag_seconds": "Age of the oldest entry a replica region has not applied, the most over this node's primary datasets.",
    ]

    /// `exposition` with a `# HELP` line before every `# TYPE` line that has none and
    /// whose family is in ``text``.
    static func annotate(_ exposition: String) -> String {
        var lines: [Substring] = []
        for line in exposition.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# TYPE "), let name = line.split(separator: " ").dropFirst(2).first,
                let help = text[String(name)], lines.last?.hasPrefix("# HELP \(name) ") != true
            {
                lines.append("# HELP \(name) \(help)")
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
