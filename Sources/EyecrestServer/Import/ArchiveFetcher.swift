import AsyncHTTPClient
import Foundation
import NIOCore

/// Fetches an archive over HTTP(S) with AsyncHTTPClient and hands its body, as a stream,
/// to a reader: the archive is never held whole. Every wait is bounded
/// (``ArchiveFetchSettings``), redirects are followed a bounded number of times, every
/// hop's destination is checked before it is connected to, and every failure becomes a
/// 4xx with a code: a URL the caller named that does not work is bad input, not a server
/// error.
///
/// Each hop has its own short-lived client, so its settings are its own and nothing is
/// left to shut down; imports are rare enough for that to cost nothing that matters.
struct ArchiveFetcher {
    let settings: ArchiveFetchSettings
    /// A `Content-Length` over this is refused before any byte is read.
    let maxArchiveBytes: Int
    /// Where this fetch may connect: checked for the URL and for every redirect target.
    let destinations: FetchDestinationPolicy

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
    /// A host with a NUL byte (`%00`) is refused: C resolvers read only up to it, so what
    /// is checked and what is connected to could part ways.
    static func isHTTP(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased(), let host = url.host else { return false }
        return ["http", "https"].contains(scheme) && !host.isEmpty && !host.utf8.contains(0)
    }

    func fetch<Result>(
        _ url: URL, notFound: NotFound, _ read: (HTTPClientResponse.Body) async throws -> Result
    ) async throws -> Result {
        // One deadline for every hop: redirects do not extend the fetch.
        let deadline = NIODeadline.now() + TimeAmount(settings.totalTimeout)
        var current = url
        var visited: Set<String> = [url.absoluteString]
        do {
            while true {
                let pinned = try await destinations.checkedAddress(of: current)
                let outcome: Hop<Result> = try await HTTPClient.withHTTPClient(configuration: configuration(pinning: pinned, for: current)) { client in
                    let response = try await client.execute(Self.request(current), deadline: deadline)
                    // The redirect's body is dropped unread, as AsyncHTTPClient does; that ends its request.
                    if let next = try Self.redirectTarget(of: response, from: current) { return .redirect(next) }
                    guard (200..<300).contains(response.status.code) else {
                        if response.status.code == 404, case .repository(let name) = notFound { throw APIError.repositoryNotFound(name) }
                        throw APIError.fetchFailed("the archive host answered \(response.status.code) \(response.status.reasonPhrase)")
                    }
                    if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maxArchiveBytes {
                        throw APIError.archiveTooLarge("archive", limit: maxArchiveBytes)
                    }
                    return .done(try await read(response.body))
                }
                switch outcome {
                case .done(let result):
                    return result
                case .redirect(let next):
                    guard visited.count <= settings.maxRedirects, visited.insert(next.absoluteString).inserted else {
                        throw APIError.fetchFailed("too many redirects")
                    }
                    current = next
                }
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw Self.map(error)
        }
    }

    private enum Hop<Result> {
        case done(Result)
        case redirect(URL)
    }

    /// A client for one hop. Each hop has its own, so that its connection goes to the
    /// address that was checked (`dnsOverride`; TLS still verifies the host name): a DNS
    /// answer that changes after the check (rebinding) cannot redirect the connection.
    private func configuration(pinning address: String?, for url: URL) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: TimeAmount(settings.connectTimeout), read: TimeAmount(settings.readTimeout))
        // Followed by `fetch` instead, so that each hop's destination is checked first.
        configuration.redirectConfiguration = .disallow
        // The archive is the gzip stream itself; a transfer encoding on top is not wanted.
        configuration.decompression = .disabled
        // One request per client: a refused connection or an unknown host fails the fetch
        // at once instead of being retried until the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        if let address, let host = url.host { configuration.dnsOverride = [FetchDestinationPolicy.bare(host): address] }
        return configuration
    }

    private static func request(_ url: URL) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "User-Agent", value: "eyecrest-import")
        request.headers.add(name: "Accept", value: "application/gzip, application/x-gzip, application/octet-stream;q=0.9, */*;q=0.1")
        return request
    }

    /// Where a redirect (301, 302, 303, 307, 308 with a `Location`) leads, resolved against
    /// the URL that answered it; nil for any other answer. Every redirect is followed with
    /// a GET, which is what each of them means for a GET.
    private static func redirectTarget(of response: HTTPClientResponse, from url: URL) throws(APIError) -> URL? {
        guard [301, 302, 303, 307, 308].contains(response.status.code), let location = response.headers.first(name: "Location") else {
            return nil
        }
        guard let target = URL(string: location, relativeTo: url)?.absoluteURL, isHTTP(target) else {
            throw APIError.fetchFailed("the archive host redirected to a URL that is not http or https")
        }
        return target
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
        case .remoteConnectionClosed: return .fetchFailed("the archive host closed the connection early")
        default: return .fetchFailed("could not connect to the archive host")
        }
    }
}
