/// The records of a pax extended header (POSIX.1-2001): `"<length> <key>=<value>\n"`,
/// where `<length>` counts the whole record, itself and the newline included. Values are
/// bytes (UTF-8 by the standard, but nothing here depends on it).
///
/// Only three keys change what ``TarReader`` reports: `path`, `linkpath` and `size`
/// (a size too large for the 12-byte header field). The rest (times, owners, GitHub's
/// `comment` with the commit id) are read and ignored.
enum PaxRecords {
    static func parse(_ bytes: [UInt8]) throws(TarError) -> [String: [UInt8]] {
        var records: [String: [UInt8]] = [:]
        var start = 0
        while start < bytes.count {
            // Some writers pad the header's data with NULs after the last record.
            if bytes[start] == 0 { break }
            guard let space = bytes[start...].firstIndex(of: UInt8(ascii: " ")), space > start,
                let length = Int(String(decoding: bytes[start..<space], as: UTF8.self)), length > space - start + 1,
                start + length <= bytes.count, bytes[start + length - 1] == UInt8(ascii: "\n")
            else { throw .invalidHeader("a malformed pax record") }
            let record = bytes[(space + 1)..<(start + length - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")) else { throw .invalidHeader("a pax record without '='") }
            records[String(decoding: record[..<equals], as: UTF8.self)] = Array(record[(equals + 1)...])
            start += length
        }
        return records
    }

    /// The `size` record as a byte count, nil when absent.
    static func size(_ records: [String: [UInt8]]) throws(TarError) -> Int? {
        guard let value = records["size"], !value.isEmpty else { return nil }
        guard let size = Int(String(decoding: value, as: UTF8.self)), size >= 0 else { throw .invalidHeader("a pax size that is not a number") }
        return size
    }
}
