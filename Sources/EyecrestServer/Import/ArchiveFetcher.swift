import AsyncHTTPClient
import Foundation
import NIOCore

/// Fetches an archive over HTTP(S) with AsyncHTTPClient and hands its body, as a stream,
/// to a reader: the archive is never held whole. Every wait is bounded
/// (``ArchiveFetchSettings``), redirects are followed a bounded number of times, and
/// every failure becomes a 4xx with a code: a URL the caller named that does not work is
/// bad input, not a server error.
///
/// Each fetch has its own short-lived client, so the redirect and timeout settings are
/// its own and nothing is left to shut down; imports are rare enough for that to cost
/// nothing that matters.
struct ArchiveFetcher {
    let settings: ArchiveFetchSettings
    /// A `Content-Length` over this is refused before any byte is read.
    let maxArchiveBytes: Int

    /// What a 404 from the host means: for a URL, that the URL is wrong (400
    /// `fetch_failed`); for a repository, that it or its branch does not exist.
    enum NotFound { case fetchFailed, repository(String) }

    /// `http` or `https` URLs with a host; anything else is 400 `invalid_field`.
    static func validate(_ url: String) throws(APIError) -> URL {
        guard url.utf8.count <= 8_192, let parsed = URL(string: url), isHTTP(parsed) else {
            throw APIError(.badRequest, code: "invalid_field", "Field 'url' must be an absolute http or https URL.")
        }
        return parsed
    }

    /// An absolute `http` or `https` URL with a host: the only kind the server fetches.
    static func isHTTP(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased() else { return false }
        return ["http", "https"].contains(scheme) && url.host?.isEmpty == false
    }

    func fetch<Result>(
        _ url: URL, notFound: NotFound, _ read: (HTTPClientResponse.Body) async throws -> Result
    ) async throws -> Result {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: TimeAmount(settings.connectTimeout), read: TimeAmount(settings.readTimeout))
        configuration.redirectConfiguration = .follow(max: settings.maxRedirects, allowCycles: false)
        // The archive is the gzip stream itself; a transfer encoding on top is not wanted.
        configuration.decompression = .disabled
        // One request per client: a refused connection or an unknown host fails the fetch
        // at once instead of being retried until the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "User-Agent", value: "eyecrest-import")
        request.headers.add(name: "Accept", value: "application/gzip, application/x-gzip, application/octet-stream;q=0.9, */*;q=0.1")
        let deadline = NIODeadline.now() + TimeAmount(settings.totalTimeout)
        do {
            return try await HTTPClient.withHTTPClient(configuration: configuration) { client in
                let response = try await client.execute(request, deadline: deadline)
                guard (200..<300).contains(response.status.code) else {
                    if response.status.code == 404, case .repository(let name) = notFound { throw APIError.repositoryNotFound(name) }
                    throw APIError.fetchFailed("the archive host answered \(response.status.code) \(response.status.reasonPhrase)")
                }
                if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maxArchiveBytes {
                    throw APIError.archiveTooLarge("archive", limit: maxArchiveBytes)
                }
                return try await read(response.body)
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw Self.map(error)
        }
    }

    /// Transport failures, as the caller should read them. The underlying error is not
    /// echoed: it can name internal addresses.
    static func map(_ error: any Error) -> APIError {
        guard let error = error as? HTTPClientError else {
            return .fetchFailed("could not connect to the archive host")
        }
        switch error {
        case .connectTimeout: return .fetchTimeout("the archive host did not accept a connection in time")
        case .readTimeout: return .fetchTimeout("the archive host stopped sending")
        case .deadlineExceeded: return .fetchTimeout("the download took too long")
        case .redirectLimitReached, .redirectCycleDetected: return .fetchFailed("too many redirects")
        case .remoteConnectionClosed: return .fetchFailed("the archive host closed the connection early")
        default: return .fetchFailed("could not connect to the archive host")
        }
    }
}
