/// Input rules shared by every entry point (docs/engine.md, "Datasets and files"). The engine checks them
/// before it touches storage, so a bad name can never reach a path or a SQL statement.
public enum Validation {
    /// The longest filename accepted, in UTF-8 bytes.
    public static let maxFilenameBytes = 500
    /// The longest dataset id accepted.
    public static let maxDatasetIDLength = 400

    /// `[A-Za-z0-9_-]{1,400}`.
    public static func validateDatasetID(_ id: String) throws(EngineError) {
        let bytes = id.utf8
        guard !bytes.isEmpty, bytes.count <= maxDatasetIDLength,
            bytes.allSatisfy({ isASCIIAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") })
        else { throw .invalidDatasetID(id) }
    }

    /// A `/`-separated relative path of printable Unicode: no control characters or
    /// NUL, no empty, `.` or `..` segment, no leading `/` or `\`, at most 500 bytes.
    public static func validateFilename(_ name: String) throws(EngineError) {
        func reject(_ reason: String) -> EngineError { .invalidFilename(name, reason: reason) }
        if name.isEmpty { throw reject("it is empty") }
        if name.utf8.count > maxFilenameBytes { throw reject("it is longer than \(maxFilenameBytes) bytes of UTF-8") }
        if name.hasPrefix("/") || name.hasPrefix("\\") { throw reject("it must be a relative path") }
        // Printable ASCII, the common case, needs no Unicode property lookups.
        let isPrintableASCII = name.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        for scalar in name.unicodeScalars where !isPrintableASCII {
            switch scalar.properties.generalCategory {
            case .control, .surrogate, .unassigned, .lineSeparator, .paragraphSeparator:
                throw reject("it contains a control or unassigned character")
            default: continue
            }
        }
        for segment in name.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { throw reject("it has an empty path segment") }
            if segment == "." || segment == ".." { throw reject("it has a '.' or '..' segment") }
        }
    }

    /// File weights scale ranking by `1 + ln(weight)·0.1`; outside this range the factor
    /// would approach zero or dominate every other signal.
    public static let weightRange: ClosedRange<Double> = 0.001...1000

    public static func validateWeight(_ weight: Double, filename: String) throws(EngineError) {
        guard weight.isFinite, weightRange.contains(weight) else {
            throw .invalidArgument("Weight of '\(filename)' must be between \(weightRange.lowerBound) and \(weightRange.upperBound).")
        }
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
