import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `process_*` families Prometheus clients conventionally export (CPU, memory, open
/// files, start time) and `eyecrest_build_info`, read from `/proc/self` at each scrape.
/// Rendered as exposition text beside the registry's: they are read, not recorded.
enum ProcessMetrics {
    /// Exposition text with `# HELP` and `# TYPE` for every family. Families whose source
    /// is unavailable (no `/proc`, as on macOS) are left out rather than reported as 0.
    static func exposition() -> String {
        var families: [(name: String, type: String, help: String, value: Double)] = []
        if let stat = ProcessStat.read() {
            families.append(("process_cpu_seconds_total", "counter", "User and system CPU time spent, in seconds.", stat.cpuSeconds))
            families.append(("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", stat.residentBytes))
            families.append(("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", stat.virtualBytes))
            if let start = stat.startTimeSeconds {
                families.append(("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch, in seconds.", start))
            }
        }
        if let open = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            families.append(("process_open_fds", "gauge", "Open file descriptors.", Double(open.count)))
        }
        if let limit = softOpenFileLimit() {
            families.append(("process_max_fds", "gauge", "The most file descriptors the process may open.", limit))
        }
        var text = ""
        for family in families {
            text += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) \(family.type)\n\(family.name) \(format(family.value))\n"
        }
        text += "# HELP eyecrest_build_info The running eyecrest's version; always 1.\n# TYPE eyecrest_build_info gauge\n"
        text += "eyecrest_build_info{version=\"\(BuildInfo.version)\"} 1\n"
        return text
    }

    /// The soft limit of `Max open files` in `/proc/self/limits`; nil when unlimited or unknown.
    private static func softOpenFileLimit() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/limits", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Max open files") })
        else { return nil }
        return line.dropFirst("Max open files".count).split(separator: " ").first.flatMap { Double($0) }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// The fields of `/proc/self/stat` the process metrics need.
private struct ProcessStat {
    var cpuSeconds: Double
    var residentBytes: Double
    var virtualBytes: Double
    var startTimeSeconds: Double?

    static func read() -> ProcessStat? {
        guard let text = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let afterName = text.lastIndex(of: ")")
        else { return nil }
        // The command name (field 2) may hold spaces; fields 3… follow its closing parenthesis.
        let fields = text[text.index(after: afterName)...].split(separator: " ")
        /// Field `number` of proc(5) (1-based; 3 is the first after the name).
        func field(_ number: Int) -> Double? {
            let index = number - 3
            return index < fields.count ? Double(fields[index]) : nil
        }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        guard ticks > 0, let user = field(14), let system = field(15), let virtual = field(23), let pages = field(24) else { return nil }
        var start: Double?
        if let startTicks = field(22), let boot = bootTimeSeconds() { start = boot + startTicks / ticks }
        return ProcessStat(cpuSeconds: (user + system) / ticks, residentBytes: pages * pageSize, virtualBytes: virtual, startTimeSeconds: start)
    }

    /// `btime` of `/proc/stat`: when the machine booted, in seconds since the epoch.
    private static func bootTimeSeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst("btime ".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
