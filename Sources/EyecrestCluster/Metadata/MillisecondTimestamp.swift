import Foundation

/// Dates as ISO 8601 UTC text to the millisecond (`2026-11-30T14:12:06.123Z`), written so
/// that a date read back writes the very same text again. (A formatter that truncates
/// the fraction of a parsed `.123`, held as 0.12299…, writes `.122`: values compared by
/// their bytes would then differ.)
enum MillisecondTimestamp {
    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let (wholeSeconds, millis) = fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let whole = Date(timeIntervalSince1970: TimeInterval(wholeSeconds)).formatted(wholeSecondStyle)
        return String(whole.dropLast()) + "." + String(millis + 1000).dropFirst() + "Z"
    }

    static func parse(_ text: String) -> Date? {
        guard text.hasSuffix("Z") else { return nil }
        guard let dot = text.lastIndex(of: ".") else { return try? wholeSecondStyle.parse(text) }
        let digits = text[text.index(after: dot)..<text.index(before: text.endIndex)]
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let fraction = Int(digits),
            let whole = try? wholeSecondStyle.parse(String(text[..<dot]) + "Z")
        else { return nil }
        let milliseconds = (Double(fraction) * pow(10, Double(3 - digits.count))).rounded()
        return Date(timeIntervalSince1970: whole.timeIntervalSince1970 + milliseconds / 1000)
    }

    private static let wholeSecondStyle = Date.ISO8601FormatStyle()
}
