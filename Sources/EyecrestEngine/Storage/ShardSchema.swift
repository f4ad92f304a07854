import GRDB

/// The versioned schema of one shard database.
///
/// - `files`: one row per file, with its raw bytes, git blob SHA, metadata and weight.
/// - `sections`: one narrow row per chunk: what ranking joins for every matching row
///   (file, position, boost) and what a hit shows. Its markdown is not copied: it is the
///   byte range `start_byte..<end_byte` of the file's content.
/// - `section_texts`: the exact text each section is indexed with, in four fields that
///   ranking weighs apart: the section's own heading, its context (ancestor headings and
///   the file title), the body, and the file path. ``SectionIndex`` is built from them
///   when the shard opens.
/// - `totals`: one row of counts and sizes over `files`, kept by triggers, and the next
///   section id: ids are never reused, so a section ranked before its file changed is
///   recognisably gone rather than mistaken for the section that took its number.
/// - `oplog`: one entry per change, in the same transaction as the change, numbered by a
///   strictly increasing `seq` (AUTOINCREMENT never reuses a number, even after the log
///   is truncated), with the writer's epoch and a rolling checksum (``LogChecksum``).
///   Entries name the file and the SHA; the bytes are read from `files` when an entry is
///   shipped, so the log stays small. Truncation always keeps the last entry: it is the
///   shard's position (``LogPosition``).
/// - `reshard_versions`: used only while a resharding fills this shard (``Resharding``).
enum ShardSchema {
    /// The indexed fields, in column order; ``RankingModel/columnWeights`` follows it.
    static let indexedFields = ["heading", "context", "body", "path"]

    /// The `totals` row's columns computed from `files` (for the migration and the
    /// integrity check): files, sections, content bytes, metadata bytes.
    static let totalsOfFiles =
        "count(*), coalesce(sum(section_count), 0), coalesce(sum(size), 0), coalesce(sum(\(metadataBytes("files"))), 0)"

    /// Bytes of a row's metadata JSON (`length` of TEXT counts characters).
    private static func metadataBytes(_ row: String) -> String { "coalesce(length(CAST(\(row).metadata AS BLOB)), 0)" }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: files, sections, fts, oplog") { db in
            try db.execute(sql: """
                CREATE TABLE files (
                    id INTEGER PRIMARY KEY,
                    filename TEXT NOT NULL UNIQUE,
                    sha TEXT NOT NULL,
                    content BLOB NOT NULL,
                    metadata TEXT,
                    weight REAL NOT NULL DEFAULT 1.0,
                    title TEXT,
                    size INTEGER NOT NULL,
                    section_count INTEGER NOT NULL,
                    seq INTEGER NOT NULL
                );
                CREATE TABLE sections (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    filename TEXT NOT NULL,
                    slug TEXT NOT NULL,
                    part INTEGER NOT NULL,
                    heading TEXT NOT NULL,
                    heading_path TEXT NOT NULL,
                    level INTEGER NOT NULL,
                    start_line INTEGER NOT NULL,
                    end_line INTEGER NOT NULL,
                    start_byte INTEGER NOT NULL,
                    end_byte INTEGER NOT NULL,
                    weight REAL NOT NULL,
                    boost REAL NOT NULL,
                    tokens INTEGER NOT NULL,
                    body_tokens INTEGER NOT NULL
                );
                CREATE INDEX sections_by_file ON sections(file_id);
                CREATE TABLE section_texts (
                    id INTEGER PRIMARY KEY REFERENCES sections(id) ON DELETE CASCADE,
                    heading TEXT NOT NULL,
                    context TEXT NOT NULL,
                    body TEXT NOT NULL,
                    path TEXT NOT NULL
                );
                CREATE VIRTUAL TABLE sections_fts USING fts5(\(indexedFields.joined(separator: ", ")), \(Self.ftsOptions));
                CREATE TABLE oplog (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    op TEXT NOT NULL CHECK (op IN ('upsert', 'update', 'delete')),
                    filename TEXT NOT NULL,
                    sha TEXT,
                    at REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: boost index") { db in
            // The heading-first ranking pass of FTS5 days bounded scores with the largest boost.
            try db.execute(sql: "CREATE INDEX sections_by_boost ON sections(boost)")
        }
        migrator.registerMigration("v3: totals") { db in
            // Counting by scanning `files` walks every row's content overflow pages; the
            // triggers keep the totals in the writing transaction instead.
            try db.execute(sql: """
                CREATE TABLE totals (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    files INTEGER NOT NULL,
                    sections INTEGER NOT NULL,
                    content_bytes INTEGER NOT NULL,
                    metadata_bytes INTEGER NOT NULL,
                    next_section_id INTEGER NOT NULL
                );
                INSERT INTO totals SELECT 1, \(totalsOfFiles), (SELECT coalesce(max(id), 0) + 1 FROM sections) FROM files;
                CREATE TRIGGER totals_after_insert AFTER INSERT ON files BEGIN
                    UPDATE totals SET files = files + 1, sections = sections + NEW.section_count,
                        content_bytes = content_bytes + NEW.size, metadata_bytes = metadata_bytes + \(metadataBytes("NEW"));
                END;
                CREATE TRIGGER totals_after_delete AFTER DELETE ON files BEGIN
                    UPDATE totals SET files = files - 1, sections = sections - OLD.section_count,
                        content_bytes = content_bytes - OLD.size, metadata_bytes = metadata_bytes - \(metadataBytes("OLD"));
                END;
                CREATE TRIGGER totals_after_update AFTER UPDATE OF section_count, size, metadata ON files BEGIN
                    UPDATE totals SET sections = sections - OLD.section_count + NEW.section_count,
                        content_bytes = content_bytes - OLD.size + NEW.size,
                        metadata_bytes = metadata_bytes - \(metadataBytes("OLD")) + \(metadataBytes("NEW"));
                END;
                """)
        }
        migrator.registerMigration("v4: replication") { db in
            // Entries written before this migration chain from a checksum of 0: a replica
            // copies them with the snapshot it starts from, so both sides agree.
            try db.execute(sql: """
                ALTER TABLE oplog ADD COLUMN epoch INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE oplog ADD COLUMN checksum INTEGER NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("v5: resharding versions") { db in
            // In a shard of the next generation while a resharding runs: the version
            // (the old shard's log sequence number) of the last change applied to each
            // file, and whether it was a deletion (a tombstone), so that a late copy never
            // overwrites a newer version nor brings back a deleted file. Emptied after the switch.
            try db.execute(sql: """
                CREATE TABLE reshard_versions (
                    filename TEXT PRIMARY KEY,
                    version INTEGER NOT NULL,
                    deleted INTEGER NOT NULL
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v6: own index") { db in
            // Searches rank with ``SectionIndex``, built from `section_texts`; FTS5's
            // tables and the boost index of its ranking pass are no longer written or read.
            try db.execute(sql: """
                DROP TABLE IF EXISTS sections_fts;
                DROP INDEX IF EXISTS sections_by_boost;
                """)
        }
        return migrator
    }

    /// The FTS5 table of migration v1, which v6 drops: kept so that old shards migrate
    /// through the same steps as they always did.
    private static let ftsOptions = "content='', tokenize='porter unicode61 remove_diacritics 2'"
}
