import Foundation

/// What the crash test knows about every file it writes: the version the server last
/// acknowledged, and, while a request is unanswered, the version that request writes.
///
/// A request that was in flight when the server was killed may or may not have
/// committed, so after a restart the file may hold either version, and nothing else.
/// ``reconcile(stored:round:)`` checks exactly that and adopts what it finds, so each
/// round starts from certainty again.
actor CrashLedger {
    enum Version: Hashable, Sendable, CustomStringConvertible {
        case absent
        case sha(String)

        var description: String {
            switch self {
            case .absent: "absent"
            case .sha(let sha): sha
            }
        }
    }

    private var acknowledged: [String: Version]
    private var inFlight: [String: Version] = [:]
    /// Broken promises and unexpected answers, each naming its round.
    private(set) var failures: [String] = []
    /// Files written (upserted or deleted) with an acknowledgement.
    private(set) var acknowledgedWrites = 0
    /// Files whose write was unanswered at a kill, and how many of them had committed.
    private(set) var unansweredWrites = 0
    private(set) var unansweredButCommitted = 0

    init(filenames: [String]) {
        acknowledged = Dictionary(uniqueKeysWithValues: filenames.map { ($0, .absent) })
    }

    func versions(of filenames: [String]) -> [String: Version] {
        Dictionary(uniqueKeysWithValues: filenames.map { ($0, acknowledged[$0] ?? .absent) })
    }

    /// Every file that must exist now, with its SHA.
    var present: [String: String] {
        acknowledged.compactMapValues { if case .sha(let sha) = $0 { sha } else { nil } }
    }

    /// A request is about to be sent.
    func begin(_ changes: [String: Version]) {
        inFlight.merge(changes) { _, new in new }
    }

    /// The server answered the request with success: these versions are promised.
    func acknowledge(_ changes: [String: Version]) {
        for (name, version) in changes {
            acknowledged[name] = version
            inFlight[name] = nil
        }
        acknowledgedWrites += changes.count
    }

    func fail(_ message: String) {
        failures.append(message)
    }

    /// After a restart: every file must hold its acknowledged version, or, if a request
    /// for it was unanswered, that request's version. `stored` is the server's listing
    /// (filename → SHA).
    func reconcile(stored: [String: String], round: Int) {
        for name in Set(stored.keys).subtracting(acknowledged.keys) {
            failures.append("round \(round): '\(name)' exists but was never written")
        }
        for (name, promised) in acknowledged {
            let found: Version = stored[name].map { .sha($0) } ?? .absent
            let pending = inFlight[name]
            if found != promised, found != pending {
                let alternative = pending.map { " (or \($0), unanswered)" } ?? ""
                failures.append("round \(round): '\(name)' is \(found), acknowledged \(promised)\(alternative)")
            }
            if let pending, pending != promised {
                unansweredWrites += 1
                if found == pending { unansweredButCommitted += 1 }
            }
            acknowledged[name] = found
        }
        inFlight = [:]
    }
}
