import Foundation
import GRDB
import EyecrestMarkdown

extension ShardStore {
    /// What is stored now for each of `filenames` that exists.
    func currentVersions(of filenames: [String]) async throws -> [String: StoredVersion] {
        try read { db in
            var versions: [String: StoredVersion] = [:]
            // One statement per 500 names rather than one per name.
            var start = 0
            while start < filenames.count {
                let slice = filenames[start..<min(filenames.count, start + 500)]
                let placeholders = Array(repeating: "?", count: slice.count).joined(separator: ",")
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT filename, sha, weight, metadata, section_count, seq FROM files WHERE filename IN (\(placeholders))",
                    arguments: StatementArguments(Array(slice)))
                while let row = try rows.next() {
                    versions[row[0]] = StoredVersion(sha: row[1], weight: row[2], metadata: row[3], sections: row[4], seq: row[5])
                }
                start += 500
            }
            return versions
        }
    }

    /// Applies a batch in one transaction: every file in it is either fully old or fully
    /// new, and every change gets its operation-log entry in the same transaction.
    func apply(_ files: [PreparedFile], shard: Int) async throws -> [UpsertResult] {
        try await write { db in
            let results = try files.map { try apply($0, shard: shard, stamp: .append, db: db) }
            try truncateLog(keeping: logRetention, db: db)
            return results
        }
    }

    /// How a change is numbered: by a new entry of this shard's log (a primary's write),
    /// or by the primary's entry that a replica is applying (logged by the caller).
    enum Stamp {
        case append
        case replicated(seq: Int64)
    }

    func apply(_ file: PreparedFile, shard: Int, stamp: Stamp, db: Database) throws -> UpsertResult {
        func logged(_ op: LogEntry.Operation) throws -> Int64 {
            switch stamp {
            case .append: try appendLog(db, op: op, filename: file.upload.filename, sha: file.sha)
            case .replicated(let seq): seq
            }
        }
        let upload = file.upload
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, sha, weight, metadata, section_count, seq FROM files WHERE filename = ?"),
            arguments: [upload.filename])
        if let existing, existing["sha"] == file.sha {
            let fileID: Int64 = existing["id"]
            let sections: Int = existing["section_count"]
            if existing["weight"] == upload.weight, existing["metadata"] == upload.metadata {
                if case .replicated(let seq) = stamp {
                    try db.execute(sql: "UPDATE files SET seq = ? WHERE id = ?", arguments: [seq, fileID])
                    return UpsertResult(filename: upload.filename, status: .unchanged, sha: file.sha, sections: sections, seq: seq, shard: shard)
                }
                return UpsertResult(filename: upload.filename, status: .unchanged, sha: file.sha, sections: sections, seq: existing["seq"], shard: shard)
            }
            // Metadata or weight only: no re-chunking, the index is untouched.
            let seq = try logged(.update)
            try db.execute(
                sql: "UPDATE files SET weight = ?, metadata = ?, seq = ? WHERE id = ?",
                arguments: [upload.weight, upload.metadata, seq, fileID])
            try db.execute(
                sql: "UPDATE sections SET boost = eyecrest_boost(weight, ?) WHERE file_id = ?",
                arguments: [upload.weight, fileID])
            try reindexSections(of: fileID, db: db)
            return UpsertResult(filename: upload.filename, status: .updated, sha: file.sha, sections: sections, seq: seq, shard: shard)
        }

        var file = file
        if file.text == nil { try FilePreparation.decode(&file, chunker: chunker) }
        let document = file.document
        let sections = document?.sections ?? []
        let seq = try logged(.upsert)
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
            try db.cachedStatement(sql: """
                    INSERT INTO files (filename, sha, content, metadata, weight, title, size, section_count, seq)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                    upload.filename, file.sha, upload.content, upload.metadata, upload.weight, document?.title,
                    upload.content.count, sections.count, seq,
            ])
            fileID = db.lastInsertedRowID
        }
        try insertSections(file.sections ?? indexedSections(of: file, db: db), fileID: fileID, filename: upload.filename, db: db)
        return UpsertResult(
            filename: upload.filename, status: existing == nil ? .created : .updated, sha: file.sha,
            sections: sections.count, seq: seq, shard: shard)
    }

    /// Sections and tokens of a file prepared without them (replication, resharding).
    private func indexedSections(of file: PreparedFile, db: Database) throws -> [IndexedSection] {
        var file = file
        FilePreparation.index(&file, tokenizer: try db.makeTokenizer(Searcher.tokenizer))
        return file.sections ?? []
    }

    private func insertSections(_ sections: [IndexedSection], fileID: Int64, filename: String, db: Database) throws {
        // Ids are chosen here (one writer holds the lock); the index counts the tokens
        // that go into the narrow sections row.
        let insertText = try db.cachedStatement(
            sql: "INSERT INTO section_texts (id, heading, context, body, path) VALUES (?, ?, ?, ?, ?)")
        let insertSection = try db.cachedStatement(sql: """
            INSERT INTO sections (id, file_id, filename, slug, part, heading, heading_path, level, start_line, end_line,
                                  start_byte, end_byte, weight, boost, tokens, body_tokens)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var nextID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT next_section_id FROM totals")) ?? 1
        try index.stage(db) { changes in
            for section in sections {
                let row = section.row
                let id = nextID
                nextID += 1
                let indexed: StatementArguments = [id, row.heading, row.context, row.body, row.path]
                let facts = SectionFacts(
                    sectionID: id, fileID: fileID, filename: filename, startLine: row.startLine, part: row.part, boost: row.boost,
                    isFrontmatter: SectionFields.isFrontmatter(level: row.level, slug: row.slug))
                changes.builder.add(facts, tokens: section.tokens)
                try insertSection.execute(arguments: [
                    id, fileID, filename, row.slug, row.part, row.heading, row.headingPath, row.level, row.startLine, row.endLine,
                    row.startByte, row.endByte, row.weight, row.boost, section.tokens.total, section.tokens.body,
                ])
                try insertText.execute(arguments: indexed)
            }
        }
        try db.cachedStatement(sql: "UPDATE totals SET next_section_id = ?").execute(arguments: [nextID])
    }

    /// Removes a file's sections, their indexed texts and their index entries.
    private func removeSections(of fileID: Int64, db: Database) throws {
        let ids = try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM sections WHERE file_id = ?"), arguments: [fileID])
        try index.stage(db) { changes in
            for id in ids { changes.remove(id) }
        }
        try db.execute(sql: "DELETE FROM section_texts WHERE id IN (SELECT id FROM sections WHERE file_id = ?)", arguments: [fileID])
        try db.execute(sql: "DELETE FROM sections WHERE file_id = ?", arguments: [fileID])
    }

    /// Indexes a file's sections again after their boost changed: the index keeps a
    /// section's boost beside its postings.
    private func reindexSections(of fileID: Int64, db: Database) throws {
        let ids = try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM sections WHERE file_id = ?"), arguments: [fileID])
        try index.stage(db) { changes in
            for id in ids { changes.remove(id) }
            try SectionIndex.addSections(db, fileID: fileID, to: &changes.builder)
        }
    }

    /// Deletes files; returns the names that existed with their deletions' log sequence
    /// numbers. Each deletion is logged.
    func delete(_ filenames: [String]) async throws -> [String: Int64] {
        try await write { db in
            var deleted: [String: Int64] = [:]
            for name in filenames where try removeFile(named: name, db: db) {
                deleted[name] = try appendLog(db, op: .delete, filename: name, sha: nil)
            }
            try truncateLog(keeping: logRetention, db: db)
            return deleted
        }
    }

    /// Removes a file, its sections and their index entries; false when there was none.
    func removeFile(named name: String, db: Database) throws -> Bool {
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM files WHERE filename = ?"), arguments: [name]) else {
            return false
        }
        try removeSections(of: id, db: db)
        try db.execute(sql: "DELETE FROM files WHERE id = ?", arguments: [id])
        return true
    }

    func appendLog(_ db: Database, op: LogEntry.Operation, filename: String, sha: String?) throws -> Int64 {
        let previous = try lastPosition(db)
        let entry = LogEntry(
            seq: previous.seq + 1, epoch: epoch, op: op, filename: filename, sha: sha, at: Date().timeIntervalSince1970,
            checksum: 0)
        try insertLog(entry, checksum: LogChecksum.next(after: previous.checksum, entry), db: db)
        return entry.seq
    }
}

/// How a chunker section becomes stored and indexed fields.
enum SectionFields {
    /// Separates heading-path entries in the `heading_path` column.
    static let pathSeparator = "\u{1F}"

    /// Headings are stored joined by the unit separator, so they must not contain it.
    static func clean(_ text: String) -> String {
        text.utf8.contains(0x1F) ? text.replacingOccurrences(of: pathSeparator, with: " ") : text
    }

    /// The texts of the four indexed columns. An introduction has no heading of its own:
    /// the file's title (its whole context) is indexed as its heading, so that a query
    /// naming the page ranks the text that opens it (heading weight and bonus) rather than
    /// only the sections below, and its context is the file's frontmatter (title and
    /// description), so that the description helps the page and not only its own
    /// section. Decided from stored facts (level, slug, the frontmatter section's text),
    /// so that a write and an index rebuilt at open index the same columns;
    /// `section_texts` keeps the texts as they are.
    static func indexed(
        heading: String, context: String, body: String, path: String, level: Int, slug: String, frontmatter: String?
    ) -> [String] {
        guard isIntroduction(level: level, slug: slug), heading.isEmpty else { return [heading, context, body, path] }
        return [context, frontmatter ?? "", body, path]
    }

    /// The chunker's introduction (the text before the first heading) is level 0 with a
    /// slug; frontmatter is level 0 without one.
    static func isIntroduction(level: Int, slug: String) -> Bool { level == 0 && !slug.isEmpty }

    /// The chunker's frontmatter section: level 0 without a slug.
    static func isFrontmatter(level: Int, slug: String) -> Bool { level == 0 && slug.isEmpty }

    /// The context column: the file title and the ancestor headings, so that a query
    /// naming the chapter finds its subsections.
    static func context(title: String?, headingPath: [String]) -> String {
        var parts: [String] = []
        if let title, !title.isEmpty { parts.append(title) }
        parts.append(contentsOf: headingPath.dropLast())
        return parts.joined(separator: " ")
    }

    /// The path column: the file's name without folders or extension, split into words
    /// by the tokenizer (`ch04-02-references-and-borrowing.md` → references, borrowing…).
    /// Folder names are left out: `docs` or `pages` would otherwise match every section
    /// of every file below them.
    static func pathTerms(_ filename: String) -> String {
        let name = filename.split(separator: "/").last.map(String.init) ?? filename
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The original eyecrest's weighting (docs/engine.md, "Ranking"): `(1 + ln(sectionWeight)·0.1) × (1 + ln(fileWeight)·0.1)`.
    static func boost(sectionWeight: Double, fileWeight: Double) -> Double {
        (1 + log(sectionWeight) * 0.1) * (1 + log(fileWeight) * 0.1)
    }
}

/// A file's stored identity, enough to tell whether an upload changes it.
struct StoredVersion: Sendable {
    var sha: String
    var weight: Double
    var metadata: String?
    var sections: Int
    var seq: Int64

    func isUnchanged(by upload: FileUpload, sha: String) -> Bool {
        self.sha == sha && weight == upload.weight && metadata == upload.metadata
    }
}
