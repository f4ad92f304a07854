import EyecrestMarkdown
import Foundation
import GRDB

/// Checks one stored file against what an upsert of its stored content would write.
///
/// The file goes through ``FilePreparation`` and ``SectionRow`` exactly as an upload
/// does; its stored sections must equal the result field by field, in id order (the
/// order the writer assigns ids in). Values are decoded with GRDB's throwing `decode`,
/// so a row damaged into the wrong type is reported instead of trapping.
struct FileIntegrity {
    let db: Database
    let shard: Int
    let shardCount: Int
    /// The highest operation-log number this shard ever gave out.
    let lastSeq: Int64
    let chunker: Chunker

    /// The file's name and what is wrong with it (nothing, for a sound file).
    func check(fileID: Int64) throws -> (filename: String, problems: [String]) {
        let file = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT filename, sha, content, metadata, weight, title, size, section_count, seq FROM files WHERE id = ?
                """),
            arguments: [fileID])
        guard let file else { return ("#\(fileID)", []) }
        let filename: String = (try? file.decode(forColumn: "filename")) ?? "#\(fileID)"
        do {
            return (filename, try problems(of: file, id: fileID, filename: filename))
        } catch {
            return (filename, ["its rows could not be decoded: \(error)"])
        }
    }

    private func problems(of file: Row, id fileID: Int64, filename: String) throws -> [String] {
        var problems: [String] = []
        let content: Data = try file.decode(forColumn: "content")
        let sha: String = try file.decode(forColumn: "sha")
        let weight: Double = try file.decode(forColumn: "weight")
        let seq: Int64 = try file.decode(forColumn: "seq")
        let expectedShard = ShardHash.shard(of: filename, shardCount: shardCount)
        if expectedShard != shard { problems.append("it belongs in shard \(expectedShard)") }
        let size: Int = try file.decode(forColumn: "size")
        if size != content.count { problems.append("size is \(size), the content has \(content.count) bytes") }
        problems += try logProblems(seq: seq, filename: filename, sha: sha)

        // The upsert's own path: validate and hash, then decode and chunk.
        let upload = FileUpload(filename: filename, content: content, metadata: try file.decode(forColumn: "metadata"), weight: weight)
        var prepared: PreparedFile
        do {
            guard let first = try FilePreparation.prepare([upload]).first else { return problems }
            prepared = first
            try FilePreparation.decode(&prepared, chunker: chunker)
        } catch {
            return problems + ["an upsert would reject it: \(error)"]
        }
        if prepared.sha != sha { problems.append("stored SHA \(sha) is not its content's (\(prepared.sha))") }
        let title: String? = try file.decode(forColumn: "title")
        if title != prepared.document?.title {
            problems.append("title is \(Self.show(title)), a fresh chunking gives \(Self.show(prepared.document?.title))")
        }
        let expected = SectionRow.rows(of: prepared.document, content: content, filename: filename, fileWeight: weight)
        let sectionCount: Int = try file.decode(forColumn: "section_count")
        if sectionCount != expected.count {
            problems.append("section_count is \(sectionCount), a fresh chunking gives \(expected.count)")
        }
        problems += try sectionProblems(fileID: fileID, filename: filename, expected: expected)
        return problems
    }

    /// The log entry numbered like the file's last change must name this file and SHA.
    /// An entry that is gone is fine: the log may be truncated once it is shipped.
    private func logProblems(seq: Int64, filename: String, sha: String) throws -> [String] {
        if seq > lastSeq { return ["seq \(seq) is past the operation log's last number \(lastSeq)"] }
        let entry = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT op, filename, sha FROM oplog WHERE seq = ?"), arguments: [seq])
        guard let entry else { return [] }
        let op: String = try entry.decode(forColumn: "op")
        let loggedName: String = try entry.decode(forColumn: "filename")
        let loggedSHA: String? = try entry.decode(forColumn: "sha")
        guard op != "delete", loggedName == filename, loggedSHA == sha else {
            return ["operation log entry \(seq) is \(op) of '\(loggedName)' \(Self.show(loggedSHA)), not of this file and SHA"]
        }
        return []
    }

    /// Compares the stored sections and their indexed texts with the fresh ones. Reports the first difference only: one bad file should not flood.
    private func sectionProblems(fileID: Int64, filename: String, expected: [SectionRow]) throws -> [String] {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT s.id AS id, s.filename AS filename, s.slug AS slug, s.part AS part, s.heading AS heading,
                       s.heading_path AS heading_path, s.level AS level, s.start_line AS start_line, s.end_line AS end_line,
                       s.start_byte AS start_byte, s.end_byte AS end_byte, s.weight AS weight, s.boost AS boost,
                       s.tokens AS tokens, s.body_tokens AS body_tokens,
                       t.id AS text_id, t.heading AS text_heading, t.context AS context, t.body AS body, t.path AS path
                FROM sections s
                LEFT JOIN section_texts t ON t.id = s.id
                WHERE s.file_id = ? ORDER BY s.id
                """),
            arguments: [fileID])
        if rows.count != expected.count {
            return ["\(rows.count) sections are stored, a fresh chunking gives \(expected.count)"]
        }
        var differences: [String] = []
        for (index, (row, fresh)) in zip(rows, expected).enumerated() {
            let place = "section \(index + 1) of \(rows.count) (slug '\(fresh.slug)', part \(fresh.part))"
            if let difference = try difference(row, fresh, filename: filename) { differences.append("\(place): \(difference)") }
        }
        guard let first = differences.first else { return [] }
        return differences.count == 1 ? [first] : ["\(differences.count) sections differ; the first, \(first)"]
    }

    /// What is wrong with one stored section, or nil.
    private func difference(_ row: Row, _ fresh: SectionRow, filename: String) throws -> String? {
        let storedName: String = try row.decode(forColumn: "filename")
        if storedName != filename { return "its row names file '\(storedName)'" }
        guard try row.decode(Int64?.self, forColumn: "text_id") != nil else { return "its section_texts row is missing" }
        let heading: String = try row.decode(forColumn: "heading")
        if try row.decode(String.self, forColumn: "text_heading") != heading {
            return "the indexed heading differs from the stored heading '\(heading)'"
        }
        let stored = SectionRow(
            slug: try row.decode(forColumn: "slug"), part: try row.decode(forColumn: "part"), heading: heading,
            headingPath: try row.decode(forColumn: "heading_path"), level: try row.decode(forColumn: "level"),
            startLine: try row.decode(forColumn: "start_line"), endLine: try row.decode(forColumn: "end_line"),
            startByte: try row.decode(forColumn: "start_byte"), endByte: try row.decode(forColumn: "end_byte"),
            weight: try row.decode(forColumn: "weight"), boost: try row.decode(forColumn: "boost"),
            context: try row.decode(forColumn: "context"), body: try row.decode(forColumn: "body"),
            path: try row.decode(forColumn: "path"))
        if stored != fresh { return Self.fieldDifferences(stored, fresh) }
        return nil
    }

    /// "startLine is 9, expected 8; …", listing the fields that differ by name.
    private static func fieldDifferences(_ stored: SectionRow, _ fresh: SectionRow) -> String {
        zip(Mirror(reflecting: stored).children, Mirror(reflecting: fresh).children).compactMap { left, right in
            let (a, b) = (String(describing: left.value), String(describing: right.value))
            return a == b ? nil : "\(left.label ?? "?") is \(clip(a)), expected \(clip(b))"
        }.joined(separator: "; ")
    }

    private static func clip(_ text: String) -> String {
        let short = text.count > 60 ? String(text.prefix(60)) + "…" : text
        return "'" + short.replacingOccurrences(of: "\n", with: "\\n") + "'"
    }

    private static func show(_ value: String?) -> String { value.map { "'\($0)'" } ?? "none" }
}
