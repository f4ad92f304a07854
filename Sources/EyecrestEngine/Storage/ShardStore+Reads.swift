import Foundation
import GRDB

extension ShardStore {
    func file(named filename: String) async throws -> StoredFile? {
        try read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT filename, content, sha, metadata, weight, title, section_count, seq FROM files WHERE filename = ?",
                arguments: [filename])
            else { return nil }
            let bytes: Data = row["content"]
            return StoredFile(
                filename: row["filename"], content: String(decoding: bytes, as: UTF8.self), sha: row["sha"],
                metadata: row["metadata"], weight: row["weight"], title: row["title"], sections: row["section_count"],
                seq: row["seq"])
        }
    }

    /// Files in filename order, starting after `cursor`, whose name starts with `prefix`.
    func files(prefix: String?, after cursor: String?, limit: Int) async throws -> [FileSummary] {
        try read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let prefix, !prefix.isEmpty {
                // The range uses the filename index; substr() makes the match exact.
                conditions.append("filename >= ? AND filename < ? AND substr(filename, 1, ?) = ?")
                arguments += [prefix, prefix + "\u{10FFFF}", prefix.unicodeScalars.count, prefix]
            }
            if let cursor {
                conditions.append("filename > ?")
                arguments += [cursor]
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [limit]
            return try Row.fetchAll(
                db, sql: "SELECT filename, sha, size, weight, section_count, title FROM files \(filter) ORDER BY filename LIMIT ?",
                arguments: arguments
            ).map {
                FileSummary(filename: $0[0], sha: $0[1], size: $0[2], weight: $0[3], sections: $0[4], title: $0[5])
            }
        }
    }

    struct Counts { var files: Int, sections: Int, contentBytes: Int, metadataBytes: Int, seq: Int64 }

    static let countsSQL = "SELECT files, sections, content_bytes, metadata_bytes FROM totals"

    /// Read from the `totals` row the write transactions keep, never by scanning files.
    func counts() throws -> Counts {
        try read { db in
            let row = try Row.fetchOne(db, sql: Self.countsSQL)
            let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'oplog'") ?? 0
            return Counts(files: row?[0] ?? 0, sections: row?[1] ?? 0, contentBytes: row?[2] ?? 0, metadataBytes: row?[3] ?? 0, seq: seq)
        }
    }
}
