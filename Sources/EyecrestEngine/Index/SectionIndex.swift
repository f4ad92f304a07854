import GRDB
import Synchronization

/// A shard's own full-text index of its sections, in memory: the query path of every
/// search (``IndexSearch``).
///
/// SQLite stays the truth. The index is built from the `sections` and `section_texts`
/// tables when the shard opens, so after a crash it matches the database exactly. A
/// write transaction stages its changes here (``stage(_:_:)``); they are published when
/// the transaction commits, before the write returns, and dropped when it rolls back, so
/// a write is visible to every search that starts after its response. Writers never make
/// readers wait beyond the copy of a snapshot.
///
/// Each commit adds a segment of its new sections and marks the documents it replaced as
/// deleted. Segments are merged like the digits of a base-8 counter of commits: whenever
/// the last ``mergeFactor`` segments hold the same number of commits, they become one
/// (dropping their deleted documents). So a section is copied about log₈(commits) times
/// over its life whatever the commits' sizes, and a search reads at most seven segments
/// per power of eight. The segment built at open counts as ``openedCommits`` and is
/// merged only when more than ``maxSegments`` segments force the last eight together.
/// A segment more than half deleted is rewritten without its deleted documents.
final class SectionIndex: Sendable {
    static let mergeFactor = 8
    static let maxSegments = 40
    static let openedCommits = 1 << 40

    private struct State {
        var snapshot = IndexSnapshot()
        var locations: [Int64: IndexLocation] = [:]
    }

    /// Changes of the open write transaction (only its writer touches them).
    struct PendingChanges: Sendable {
        var builder = SegmentBuilder()
        var removed: [Int64] = []

        /// A section the transaction deletes (or replaces).
        mutating func remove(_ sectionID: Int64) {
            if !builder.drop(sectionID: sectionID) { removed.append(sectionID) }
        }
    }

    private let state = Mutex(State())
    private let pending = Mutex<PendingChanges?>(nil)

    /// An empty index, for a store opened only to be inspected.
    init() {}

    /// Builds the index of every section in `db`.
    init(_ db: Database) throws {
        var builder = SegmentBuilder()
        try Self.addSections(db, to: &builder)
        if !builder.isEmpty { publish(builder.build(commits: Self.openedCommits), removing: []) }
    }

    /// Adds the sections (all, or those of one file) with their indexed texts.
    static func addSections(_ db: Database, fileID: Int64? = nil, to builder: inout SegmentBuilder) throws {
        let tokenizer = try db.makeTokenizer(Searcher.tokenizer)
        let filter = fileID == nil ? "" : " WHERE s.file_id = ?"
        let rows = try Row.fetchCursor(
            db, sql: """
                SELECT s.id, s.file_id, s.filename, s.start_line, s.part, s.boost, t.heading, t.context, t.body, t.path,
                       s.level, s.slug
                FROM sections s JOIN section_texts t ON t.id = s.id\(filter) ORDER BY s.id
                """,
            arguments: fileID.map { [$0] } ?? [])
        // A file's sections have increasing ids in file order, so its frontmatter comes first.
        var frontmatter: (fileID: Int64, text: String)?
        while let row = try rows.next() {
            let (fileID, level, slug): (Int64, Int, String) = (row[1], row[10], row[11])
            let isFrontmatter = SectionFields.isFrontmatter(level: level, slug: slug)
            let facts = SectionFacts(
                sectionID: row[0], fileID: fileID, filename: row[2], startLine: row[3], part: row[4], boost: row[5],
                isFrontmatter: isFrontmatter)
            if isFrontmatter { frontmatter = (fileID, row[8]) }
            let fields = SectionFields.indexed(
                heading: row[6], context: row[7], body: row[8], path: row[9], level: level, slug: slug,
                frontmatter: frontmatter?.fileID == fileID ? frontmatter?.text : nil)
            builder.add(facts, fields: fields, tokenizer: tokenizer)
        }
    }

    /// The index as of now, for one search.
    func snapshot() -> IndexSnapshot { state.withLock { $0.snapshot } }

    /// Runs `body` on the changes of `db`'s open write transaction, registering them to
    /// be published at its commit.
    /// Only the shard's writer calls it, one transaction at a time, so holding the lock
    /// while `body` runs keeps no reader waiting.
    func stage(_ db: Database, _ body: (inout PendingChanges) throws -> Void) throws {
        try pending.withLock { changes in
            // Taken out while `body` changes it, so its arrays are never copied.
            var staged = changes.take() ?? {
                db.afterNextTransaction(
                    onCommit: { [self] _ in commitPending() },
                    onRollback: { [self] _ in pending.withLock { $0 = nil } })
                return PendingChanges()
            }()
            defer { changes = staged }
            try body(&staged)
        }
    }

    private func commitPending() {
        guard var changes = pending.withLock({ $0.take() }) else { return }
        let segment = changes.builder.isEmpty ? nil : changes.builder.build()
        publish(segment, removing: changes.removed)
    }

    /// Marks `removed` deleted, appends `segment`, then merges while the policy asks.
    private func publish(_ segment: IndexSegment?, removing removed: [Int64]) {
        var plan = state.withLock { state -> MergePlan? in
            for id in removed {
                if let location = state.locations.removeValue(forKey: id) { state.snapshot.delete(location) }
            }
            if let segment {
                let number = Int32(state.snapshot.segments.count)
                for (document, id) in segment.documents.sectionIDs.enumerated() {
                    state.locations[id] = IndexLocation(segment: number, document: UInt32(document))
                }
                state.snapshot.append(segment)
            }
            return Self.mergeCandidates(state.snapshot)
        }
        // Merging reads immutable segments, outside the lock; only this shard's writer
        // changes the index, so the segments are still the same when the merge is swapped in.
        while let current = plan {
            let merged = SegmentBuilder.merge(current.parts)
            plan = state.withLock { state in
                state.snapshot.replace(current.range, with: merged)
                let number = Int32(current.range.lowerBound)
                for (document, id) in merged.documents.sectionIDs.enumerated() {
                    state.locations[id] = IndexLocation(segment: number, document: UInt32(document))
                }
                return Self.mergeCandidates(state.snapshot)
            }
        }
    }

    /// Segments to merge into one, and where they are.
    private struct MergePlan {
        var range: Range<Int>
        var parts: [(segment: IndexSegment, deleted: DeletionSet)]
    }

    /// The last eight when they hold as many commits each (or when there are too many
    /// segments); otherwise a segment of 64+ documents more than half deleted, rewritten
    /// alone, so rewriting a whole dataset does not keep its old postings in memory.
    private static func mergeCandidates(_ snapshot: IndexSnapshot) -> MergePlan? {
        let count = snapshot.segments.count
        func plan(_ range: Range<Int>) -> MergePlan {
            MergePlan(range: range, parts: range.map { (snapshot.segments[$0], snapshot.deletions[$0]) })
        }
        if count >= mergeFactor {
            let tail = (count - mergeFactor)..<count
            if Set(tail.map { snapshot.segments[$0].commits }).count == 1 || count > maxSegments { return plan(tail) }
        }
        let mostlyDeleted = snapshot.segments.indices.first { index in
            let documents = snapshot.segments[index].documentCount
            return documents >= 64 && snapshot.deletions[index].count * 2 > documents
        }
        return mostlyDeleted.map { plan($0..<($0 + 1)) }
    }
}
