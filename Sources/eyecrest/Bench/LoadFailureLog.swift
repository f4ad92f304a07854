import Foundation

/// Prints the first few failed requests to standard error as they happen, so a broken
/// run says why without one line per failure drowning the terminal. Every worker reports
/// here, so the count of printed lines is shared state: hence an actor. (The totals are
/// counted in each worker's own ``LoadTally``, not here.)
actor LoadFailureLog {
    private let limit: Int
    private var printed = 0

    init(limit: Int = 5) { self.limit = limit }

    func report(_ kind: LoadRequestKind, _ error: any Error) {
        printed += 1
        guard printed <= limit else { return }
        var line = "load: \(kind.rawValue) failed: \(error)"
        if printed == limit { line += " (further failures are only counted)" }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
