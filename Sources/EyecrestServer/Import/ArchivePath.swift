import EyecrestMarkdown

/// Which archive entries an import takes, and under which filename: the same choice
/// `eyecrest push` makes for a folder (markdown extensions, no hidden files or folders,
/// no `node_modules`), applied to paths inside an archive.
enum ArchivePath {
    /// The segments of a stored path, with `.` and empty segments dropped (`./docs//a.md`
    /// is `docs/a.md`). Nil when the path is absolute or has a `..` segment: such a path
    /// points outside the archive and is never imported, whatever it names.
    static func segments(_ path: String) -> [Substring]? {
        if path.hasPrefix("/") || path.hasPrefix("\\") { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        if segments.contains("..") { return nil }
        return segments
    }

    /// A `path` option, as segments. Leading and trailing slashes are forgiven
    /// (`/docs/` is `docs`); nil when it is not a valid relative folder path.
    static func prefix(_ option: String) -> [Substring]? {
        let trimmed = option.drop { $0 == "/" }
        let segments = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        let withoutTrailing = segments.last == "" ? Array(segments.dropLast()) : Array(segments)
        if withoutTrailing.isEmpty { return [] }
        guard option.utf8.count <= 500,
            !withoutTrailing.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
            option.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control })
        else { return nil }
        return withoutTrailing
    }

    /// The filename an entry gets when it lies under `prefix` (which is removed), has a
    /// markdown extension and no hidden or ignored segment; nil otherwise.
    static func importedName(_ segments: ArraySlice<Substring>, under prefix: [Substring]) -> String? {
        guard segments.count > prefix.count, segments.starts(with: prefix) else { return nil }
        let relative = segments.dropFirst(prefix.count)
        guard let last = relative.last, Chunker.isMarkdown(String(last)),
            !relative.contains(where: { $0.hasPrefix(".") || Chunker.toolingFolders.contains(String($0)) })
        else { return nil }
        return relative.joined(separator: "/")
    }
}
