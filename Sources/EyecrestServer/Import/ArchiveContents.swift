import Foundation

/// What an archive holds for an import, once read whole: the files to store and the
/// entries that looked like markdown but were left out, with why.
struct ArchiveContents {
    struct File: Equatable {
        var filename: String
        /// Valid UTF-8 without NUL bytes (checked while reading).
        var content: Data
    }

    /// Why a markdown-named entry was not imported. The raw values are part of the API
    /// (`skipped[].reason`).
    enum SkipReason: String, Codable, Sendable {
        /// A symbolic link: its target could be anything, inside the archive or not.
        case symlink
        case hardLink = "hard_link"
        /// A device, FIFO, or an entry type eyecrest does not read (GNU sparse, …).
        case specialFile = "special_file"
        /// An absolute path or one with a `..` segment.
        case unsafePath = "unsafe_path"
        /// Breaks the filename rules (DESIGN.md §8) once the prefixes are removed, or is
        /// not UTF-8.
        case invalidFilename = "invalid_filename"
        /// Not UTF-8 text, or contains a NUL byte.
        case binary
        /// Larger than the server's file limit (`--max-file-bytes`).
        case tooLarge = "too_large"
    }

    struct Skipped: Equatable {
        var path: String
        var reason: SkipReason
    }

    /// In archive order; each filename once (a later entry of the same name wins, as
    /// when tar extracts).
    var files: [File] = []
    /// At most ``maxListedSkips``, in archive order.
    var skipped: [Skipped] = []
    /// Every skipped entry, listed or not.
    var skippedCount = 0

    /// The answer lists this many skipped entries; the count covers them all.
    static let maxListedSkips = 100
}
