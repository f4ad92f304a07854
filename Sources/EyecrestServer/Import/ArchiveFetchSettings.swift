import Foundation

/// How the import routes fetch archives over HTTP(S): the server waits on someone else's
/// host, so every wait is bounded.
public struct ArchiveFetchSettings: Sendable, Equatable {
    /// Connecting to the archive host, TLS included (400 `fetch_timeout` beyond).
    public var connectTimeout: Duration = .seconds(10)
    /// The longest silence while waiting for the answer or its next bytes (400
    /// `fetch_timeout` beyond).
    public var readTimeout: Duration = .seconds(30)
    /// The whole fetch, download and reading included (400 `fetch_timeout` beyond).
    public var totalTimeout: Duration = .seconds(600)
    /// Redirects followed before giving up (400 `fetch_failed`); a redirect back to a URL
    /// already visited fails at once. `github.com/…/archive/…` redirects once, to codeload.
    public var maxRedirects = 5

    public init() {}

    /// An archive host must be an absolute `http` or `https` URL with a host and nothing
    /// after its path (no query or fragment to paste owner and repo into).
    static func validateHost(_ host: String) throws(StartupError) {
        guard let url = URL(string: host), ArchiveFetcher.isHTTP(url), url.query == nil, url.fragment == nil
        else { throw StartupError("--github-archive-host must be an http or https URL such as https://codeload.github.com, not '\(host)'.") }
    }
}
