import Foundation

/// One reading of the server's resident memory, `seconds` after the load started.
/// `anonymousMegabytes` is the heap and stacks (`RssAnon`); the rest of `megabytes` is
/// file-backed, mostly the memory-mapped database pages the readers touched, which the
/// kernel can drop under pressure. A leak shows in the anonymous part.
struct RSSSample: Codable, Sendable {
    var seconds: Double
    var megabytes: Double
    var anonymousMegabytes: Double
}

/// The resident memory of another process (the server under load), read from
/// `/proc/PID/status` on Linux. `VmRSS` is the current resident set, not the high-water
/// mark (`VmHWM`): sampling it over time shows whether memory keeps growing under a
/// steady load, which a single peak figure cannot.
enum ServerMemory {
    /// `VmRSS` and `RssAnon` in megabytes (MiB), or nil if the process is gone or this is
    /// not Linux.
    static func resident(pid: Int32) -> (total: Double, anonymous: Double)? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func megabytes(_ key: String) -> Double? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }),
                let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
            else { return nil }
            return kilobytes / 1024
        }
        guard let total = megabytes("VmRSS:"), let anonymous = megabytes("RssAnon:") else { return nil }
        return (total, anonymous)
    }

    /// Samples once a second from `start` until `deadline`; no samples without a pid.
    static func sample(pid: Int32?, from start: ContinuousClock.Instant, until deadline: ContinuousClock.Instant) async -> [RSSSample] {
        guard let pid else { return [] }
        var samples: [RSSSample] = []
        while ContinuousClock.now < deadline, !Task.isCancelled {
            if let sample = sample(pid: pid, since: start) { samples.append(sample) }
            try? await Task.sleep(for: .seconds(1))
        }
        return samples
    }

    /// One sample now, timed from `start`.
    static func sample(pid: Int32, since start: ContinuousClock.Instant) -> RSSSample? {
        resident(pid: pid).map {
            RSSSample(seconds: (ContinuousClock.now - start).seconds, megabytes: $0.total, anonymousMegabytes: $0.anonymous)
        }
    }
}
