import EyecrestEngine
import EyecrestMarkdown
import Foundation
import NIOCore

/// Turns the events of a ``TarReader`` into ``ArchiveContents``: decides per entry whether
/// it is imported, skipped (and why) or ignored, keeps the content of the imported ones,
/// and enforces the per-entry limits as the headers arrive.
///
/// Two decisions need the whole archive, so they are taken in ``finish()``:
/// - **The top-level folder.** An archive whose entries all lie in one folder (GitHub's
///   `repo-main/…`, `tar czf docs.tar.gz docs`) has that folder removed from every name,
///   as `eyecrest push docs/` names files relative to `docs/`. Until the end it is not
///   known whether that is the case, so each entry is judged under both readings and its
///   name is picked at the end.
/// - **Duplicates.** A later entry of the same name replaces an earlier one, as when tar
///   extracts.
///
/// Ignored, and not counted: directories, entries without a markdown extension, hidden
/// files and folders, `node_modules`, entries outside the `path` prefix. Every other entry
/// is imported or skipped with a reason.
struct ArchiveCollector {
    struct Limits {
        /// Entries of any kind (413 `too_many_entries`).
        var maxEntries: Int
        /// Any entry's size (413 `archive_entry_too_large`).
        var maxEntryBytes: Int
        /// A markdown file larger than this is skipped as `too_large`.
        var maxFileBytes: Int
    }

    private enum Outcome {
        case reading
        case content(Data)
        case skipped(ArchiveContents.SkipReason)
    }

    private struct Candidate {
        /// The path as stored, for the answer's skip list.
        var archivePath: String
        /// The filename if the top-level folder is removed, and if it is not (nil: that
        /// reading ignores the entry). Both nil for an unsafe path, reported either way.
        var strippedName: String?
        var fullName: String?
        var outcome: Outcome
    }

    private let prefix: [Substring]
    private let limits: Limits
    private var candidates: [Candidate] = []
    /// The first segments seen (at most two are kept: two already means "no single root").
    private var roots = Set<Substring>()
    private var hasTopLevelFile = false
    private var entryCount = 0
    /// The candidate whose data is arriving, and its bytes so far.
    private var reading: Int?
    private var data = Data()

    /// `prefix` keeps only entries under that folder (relative to the stripped top-level
    /// folder, if any) and is removed from their names.
    init(prefix: [Substring], limits: Limits) {
        self.prefix = prefix
        self.limits = limits
    }

    mutating func handle(_ event: TarReader.Event) throws(APIError) {
        switch event {
        case .entry(let entry): try begin(entry)
        case .data(let bytes): if reading != nil { data.append(contentsOf: bytes.readableBytesView) }
        case .entryEnd: endEntry()
        case .end: break
        }
    }

    private mutating func begin(_ entry: TarEntry) throws(APIError) {
        entryCount += 1
        guard entryCount <= limits.maxEntries else { throw .tooManyEntries(limits.maxEntries) }
        let archivePath = Self.clipped(entry.displayPath)
        guard entry.size <= limits.maxEntryBytes else {
            throw .archiveEntryTooLarge(path: archivePath, size: entry.size, limit: limits.maxEntryBytes)
        }
        guard let segments = ArchivePath.segments(entry.displayPath) else {
            // Never imported, and reported when it would otherwise have been.
            if Chunker.isMarkdown(entry.displayPath), entry.kind != .directory {
                candidates.append(Candidate(archivePath: archivePath, strippedName: nil, fullName: nil, outcome: .skipped(.unsafePath)))
            }
            return
        }
        if let first = segments.first {
            if roots.count < 2 { roots.insert(first) }
            if segments.count == 1, entry.kind != .directory { hasTopLevelFile = true }
        }
        guard entry.kind != .directory else { return }
        let fullName = ArchivePath.importedName(segments[...], under: prefix)
        let strippedName = segments.count > 1 ? ArchivePath.importedName(segments.dropFirst(), under: prefix) : nil
        guard fullName != nil || strippedName != nil else { return }
        let outcome: Outcome =
            switch entry.kind {
            case .file where entry.path == nil: .skipped(.invalidFilename)
            case .file where entry.size > limits.maxFileBytes: .skipped(.tooLarge)
            case .file: .reading
            case .symlink: .skipped(.symlink)
            case .hardLink: .skipped(.hardLink)
            default: .skipped(.specialFile)
            }
        candidates.append(Candidate(archivePath: archivePath, strippedName: strippedName, fullName: fullName, outcome: outcome))
        if case .reading = outcome {
            reading = candidates.count - 1
            data = Data(capacity: entry.size)
        }
    }

    private mutating func endEntry() {
        guard let index = reading else { return }
        candidates[index].outcome = Self.isText(data) ? .content(data) : .skipped(.binary)
        reading = nil
        data = Data()
    }

    /// The files and skips, with the top-level folder decided and duplicates resolved.
    func finish() -> ArchiveContents {
        let stripRoot = roots.count == 1 && !hasTopLevelFile
        // (name, outcome) in archive order; a duplicate name voids the earlier slot.
        var slots: [(name: String?, archivePath: String, outcome: Outcome)?] = []
        var slotOfName: [String: Int] = [:]
        for candidate in candidates {
            let name = stripRoot ? candidate.strippedName : candidate.fullName
            guard name != nil || (candidate.strippedName == nil && candidate.fullName == nil) else { continue }
            var outcome = candidate.outcome
            if let name {
                if case .content = outcome, (try? Validation.validateFilename(name)) == nil { outcome = .skipped(.invalidFilename) }
                if let earlier = slotOfName[name] { slots[earlier] = nil }
                slotOfName[name] = slots.count
            }
            slots.append((name, candidate.archivePath, outcome))
        }
        var contents = ArchiveContents()
        for case let (name, archivePath, outcome)? in slots {
            switch outcome {
            case .content(let data):
                if let name { contents.files.append(.init(filename: name, content: data)) }
            case .skipped(let reason):
                contents.skippedCount += 1
                if contents.skipped.count < ArchiveContents.maxListedSkips { contents.skipped.append(.init(path: archivePath, reason: reason)) }
            case .reading:
                // Only an entry cut off by the end of the stream stays here, and then the
                // tar reader has already failed the import.
                continue
            }
        }
        return contents
    }

    /// Valid UTF-8 without NUL bytes: what the engine can index as markdown.
    private static func isText(_ data: Data) -> Bool {
        !data.contains(0) && String(validating: data, as: UTF8.self) != nil
    }

    /// Archive paths are echoed in the answer; pax allows them to be very long.
    private static func clipped(_ path: String) -> String {
        path.utf8.count <= 500 ? path : String(path.prefix(200)) + "…"
    }
}
