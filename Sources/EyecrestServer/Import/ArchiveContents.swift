import EyecrestAPI
import Foundation

/// What an archive holds for an import, once read whole: the files to store and the
/// entries that looked like markdown but were left out, with why.
struct ArchiveContents {
    struct File: Equatable {
        var filename: String
        /// Valid UTF-8 without NUL bytes (checked while reading).
        var content: Data
    }

    /// Why a markdown-named entry was not imported: the API's `skipped[].reason`.
    typealias SkipReason = ImportSkipReason

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
