import Foundation
import GRDB
import EyecrestMarkdown

extension ShardStore {
    /// The SHA, weight and metadata currently stored for each of `filenames` that exists.
    func currentVersions(of filenames: [String]) async throws -> [String: (sha: String, weight: Double, metadata: String?)] {
        try await pool.read { db in
            var versions: [String: (sha: String, weight: Double, metadata: String?)] = [:]
            let statement = try db.cachedStatement(sql: "SELECT sha, weight, metadata FROM files WHERE filename = ?")
            for name in filenames {
                if let row = try Row.fetchOne(statement, arguments: [name]) {
                    versions[name] = (row[0], row[1], row[2])
                }
            }
            return versions
        }
    }

    /// Applies a batch in one transaction: every file in it is either fully old or fully
    /// new, and every change gets its operation-log entry in the same transaction.
    func apply(_ files: [PreparedFile], shard: Int) async throws -> [UpsertResult] {
        try await pool.write { db in
            try files.map { try apply($0, shard: shard, db: db) }
        }
    }

    private func apply(_ file: PreparedFile, shard: Int, db: Database) throws -> UpsertResult {
        let upload = file.upload
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, sha, weight, metadata, section_count, seq FROM files WHERE filename = ?"),
            arguments: [upload.filename])
        if let existing, existing["sha"] == file.sha {
            let fileID: Int64 = existing["id"]
            let sections: Int = existing["section_count"]
            if existing["weight"] == upload.weight, existing["metadata"] == upload.metadata {
                return UpsertResult(filename: upload.filename, status: .unchanged, sha: file.sha, sections: sections, seq: existing["seq"], shard: shard)
            }
            // Metadata or weight only: no re-chunking, the index is untouched.
            let seq = try appendLog(db, op: "update", filename: upload.filename, sha: file.sha)
            try db.execute(
                sql: "UPDATE files SET weight = ?, metadata = ?, seq = ? WHERE id = ?",
                arguments: [upload.weight, upload.metadata, seq, fileID])
            try db.execute(
                sql: "UPDATE sections SET boost = eyecrest_boost(weight, ?) WHERE file_id = ?",
                arguments: [upload.weight, fileID])
            return UpsertResult(filename: upload.filename, status: .updated, sha: file.sha, sections: sections, seq: seq, shard: shard)
        }

        let document = file.document ?? (file.isMarkdown ? chunker.chunk(filename: upload.filename, content: file.text) : nil)
        let sections = document?.sections ?? []
        let seq = try appendLog(db, op: "upsert", filename: upload.filename, sha: file.sha)
        let fileID: Int64
        if let existing {
            fileID = existing["id"]
            try removeSections(of: fileID, db: db)
            try db.execute(
                sql: """
                    UPDATE files SET sha = ?, content = ?, metadata = ?, weight = ?, title = ?, size = ?,
                    section_count = ?, seq = ? WHERE id = ?
                    """,
                arguments: [
                    file.sha, upload.content, upload.metadata, upload.weight, document?.title, upload.content.count,
                    sections.count, seq, fileID,
                ])
        } else {
            try db.execute(
                sql: """
                    INSERT INTO files (filename, sha, content, metadata, weight, title, size, section_count, seq)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    upload.filename, file.sha, upload.content, upload.metadata, upload.weight, document?.title,
                    upload.content.count, sections.count, seq,
                ])
            fileID = db.lastInsertedRowID
        }
        try insertSections(sections, title: document?.title, fileID: fileID, file: upload, db: db)
        return UpsertResult(
            filename: upload.filename, status: existing == nil ? .created : .updated, sha: file.sha,
            sections: sections.count, seq: seq, shard: shard)
    }

    private func insertSections(_ sections: [Section], title: String?, fileID: Int64, file: FileUpload, db: Database) throws {
        let insertSection = try db.cachedStatement(sql: """
            INSERT INTO sections (file_id, filename, slug, part, heading, heading_path, level, start_line, end_line,
                                  weight, boost, text, context, search_text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertIndex = try db.cachedStatement(
            sql: "INSERT INTO sections_fts (rowid, heading, context, body, path) VALUES (?, ?, ?, ?, ?)")
        for section in sections {
            let heading = SectionFields.clean(section.heading)
            let path = section.headingPath.map(SectionFields.clean)
            let context = SectionFields.context(title: title, headingPath: path)
            try insertSection.execute(arguments: [
                fileID, file.filename, section.slug, section.part, heading, path.joined(separator: SectionFields.pathSeparator),
                section.level, section.startLine, section.endLine, section.weight,
                SectionFields.boost(sectionWeight: section.weight, fileWeight: file.weight),
                section.text, context, section.searchText,
            ])
            try insertIndex.execute(arguments: [db.lastInsertedRowID, heading, context, section.searchText, file.filename])
        }
    }

    /// Removes a file's sections and their index entries. A contentless FTS5 table can
    /// only forget a row when given the exact values it indexed, hence the stored copies.
    private func removeSections(of fileID: Int64, db: Database) throws {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, heading, context, search_text, filename FROM sections WHERE file_id = ?"),
            arguments: [fileID])
        let forget = try db.cachedStatement(sql: """
            INSERT INTO sections_fts (sections_fts, rowid, heading, context, body, path) VALUES ('delete', ?, ?, ?, ?, ?)
            """)
        for row in rows {
            try forget.execute(arguments: [row[0], row[1], row[2], row[3], row[4]])
        }
        try db.execute(sql: "DELETE FROM sections WHERE file_id = ?", arguments: [fileID])
    }

    /// Deletes files; returns the names that existed. Each deletion is logged.
    func delete(_ filenames: [String]) async throws -> [String] {
        try await pool.write { db in
            var deleted: [String] = []
            for name in filenames {
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM files WHERE filename = ?", arguments: [name]) else {
                    continue
                }
                try removeSections(of: id, db: db)
                try db.execute(sql: "DELETE FROM files WHERE id = ?", arguments: [id])
                _ = try appendLog(db, op: "delete", filename: name, sha: nil)
                deleted.append(name)
            }
            return deleted
        }
    }

    private func appendLog(_ db: Database, op: String, filename: String, sha: String?) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO oplog (op, filename, sha, at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [op, filename, sha, Date().timeIntervalSince1970])
        return db.lastInsertedRowID
    }
}

/// How a chunker section becomes stored and indexed fields.
enum SectionFields {
    /// Separates heading-path entries in the `heading_path` column.
    static let pathSeparator = "\u{1F}"

    /// Headings are stored joined by the unit separator, so they must not contain it.
    static func clean(_ text: String) -> String {
        text.contains(pathSeparator) ? text.replacingOccurrences(of: pathSeparator, with: " ") : text
    }

    /// The context column: the file title and the ancestor headings, so that a query
    /// naming the chapter finds its subsections.
    static func context(title: String?, headingPath: [String]) -> String {
        var parts: [String] = []
        if let title, !title.isEmpty { parts.append(title) }
        parts.append(contentsOf: headingPath.dropLast())
        return parts.joined(separator: " ")
    }

    /// DESIGN.md §6: `(1 + ln(sectionWeight)·0.1) × (1 + ln(fileWeight)·0.1)`.
    static func boost(sectionWeight: Double, fileWeight: Double) -> Double {
        (1 + log(sectionWeight) * 0.1) * (1 + log(fileWeight) * 0.1)
    }
}
