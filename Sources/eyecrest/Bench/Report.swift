import Foundation

/// What `eyecrest bench` and `eyecrest load` print: a table for people, `--json` for scripts.
protocol Report: Encodable {
    func table() -> String
}

extension Report {
    /// One line of JSON with sorted keys, so scripts and diffs see a stable order.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// `value` with `digits` decimals, for the tables.
    func f(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
}
