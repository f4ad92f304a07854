import Foundation

/// Terminal detection and styling: colours and progress bars only when a person watches.
enum Terminal {
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    static func bold(_ text: String, enabled: Bool) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func dim(_ text: String, enabled: Bool) -> String { enabled ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    static func highlight(_ text: String, enabled: Bool) -> String { enabled ? "\u{1B}[1;33m\(text)\u{1B}[0m" : text }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// A one-line progress bar on standard error, redrawn in place.
struct ProgressBar {
    let total: Int
    let label: String
    let enabled: Bool

    func update(_ done: Int) {
        guard enabled, total > 0 else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)".utf8))
    }

    func finish() {
        guard enabled, total > 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
