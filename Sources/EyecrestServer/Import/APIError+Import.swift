import Hummingbird

/// The errors of the import routes. Messages never echo a fetched URL (it may hold a
/// token in its query) or the server's own paths.
extension APIError {
    /// 400: not gzip, damaged, truncated, or not a tar inside.
    static func invalidArchive(_ detail: String) -> APIError {
        APIError(.badRequest, code: "invalid_archive", "The archive could not be read: \(detail). Nothing was imported.")
    }

    /// 413: the compressed or the uncompressed archive is over its limit.
    static func archiveTooLarge(_ what: String, limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "archive_too_large", "The \(what) is larger than \(limit) bytes. Nothing was imported.")
    }

    /// 413: more entries (of any kind) than allowed.
    static func tooManyEntries(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "too_many_entries", "The archive has more than \(limit) entries. Nothing was imported.")
    }

    /// 413: one entry declares a size over the limit.
    static func archiveEntryTooLarge(path: String, size: Int, limit: Int) -> APIError {
        APIError(
            .contentTooLarge, code: "archive_entry_too_large",
            "The archive entry '\(path.prefix(200))' is \(size) bytes, more than \(limit). Nothing was imported.")
    }

    /// 400: the archive URL could not be fetched (connection refused, DNS, TLS, an answer
    /// other than 2xx, too many redirects).
    static func fetchFailed(_ detail: String) -> APIError {
        APIError(.badRequest, code: "fetch_failed", "The archive could not be fetched: \(detail). Nothing was imported.")
    }

    /// 400: the URL, or a URL it redirected to, names a loopback, private, link-local or
    /// otherwise non-public address (``FetchDestinationPolicy``). Neither the URL nor the
    /// address is echoed: the answer must not help map the server's network.
    static func urlNotAllowed() -> APIError {
        APIError(
            .badRequest, code: "url_not_allowed",
            "The URL's host, or a host it redirects to, is a loopback, private or link-local address; this server fetches only from public addresses (see --allow-private-import-urls). Nothing was imported.")
    }

    /// 400: the archive host did not answer, or stopped sending, in time.
    static func fetchTimeout(_ detail: String) -> APIError {
        APIError(.badRequest, code: "fetch_timeout", "Fetching the archive timed out: \(detail). Nothing was imported.")
    }

    /// 404: the archive host has no such repository or branch (or it is private).
    static func repositoryNotFound(_ name: String) -> APIError {
        APIError(
            .notFound, code: "repository_not_found",
            "The archive host has no repository and branch \(name) (or it is private). Nothing was imported.")
    }
}
