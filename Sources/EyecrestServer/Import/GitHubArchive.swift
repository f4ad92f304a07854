import Foundation

/// The archive URL of a GitHub branch: `{host}/{owner}/{repo}/tar.gz/refs/heads/{branch}`
/// (the URL codeload serves `git archive` output on, with a single top-level folder).
///
/// Owner, repository and branch are checked against strict character sets before they
/// go into the URL, so no value can add a segment, a query, a `..` or a different host:
/// each is a name, never a path.
enum GitHubArchive {
    /// A GitHub user or organization: letters, digits and inner hyphens, at most 39.
    static func validateOwner(_ owner: String) throws(APIError) {
        let bytes = Array(owner.utf8)
        guard (1...39).contains(bytes.count), bytes.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") }),
            bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-")
        else { throw invalid("owner", "1–39 letters, digits or inner hyphens") }
    }

    /// A repository: letters, digits, `-`, `_` and `.`, at most 100, not `.` or `..`.
    static func validateRepository(_ repo: String) throws(APIError) {
        let bytes = Array(repo.utf8)
        guard (1...100).contains(bytes.count), bytes.allSatisfy({ isAlphanumeric($0) || "-_.".utf8.contains($0) }),
            repo != ".", repo != ".."
        else { throw invalid("repo", "1–100 letters, digits, '-', '_' or '.'") }
    }

    /// A branch, as git allows it minus everything that would need escaping in a URL:
    /// letters, digits, `-`, `_`, `.` and `/` between non-empty segments that do not start
    /// with `.`; no `..`, no `.lock` suffix; at most 255.
    static func validateBranch(_ branch: String) throws(APIError) {
        let bytes = Array(branch.utf8)
        let segments = branch.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...255).contains(bytes.count), bytes.allSatisfy({ isAlphanumeric($0) || "-_./".utf8.contains($0) }),
            !branch.contains(".."), !branch.hasSuffix(".lock"),
            segments.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") })
        else { throw invalid("branch", "a branch name of letters, digits, '-', '_', '.' and '/'") }
    }

    /// The URL of the branch's `.tar.gz` on `host` (validated at startup; a trailing
    /// slash is allowed).
    static func url(host: String, owner: String, repo: String, branch: String) throws(APIError) -> URL {
        try validateOwner(owner)
        try validateRepository(repo)
        try validateBranch(branch)
        let base = host.hasSuffix("/") ? String(host.dropLast()) : host
        guard let url = URL(string: "\(base)/\(owner)/\(repo)/tar.gz/refs/heads/\(branch)") else {
            throw APIError(.badRequest, code: "invalid_field", "The repository does not form a valid URL.")
        }
        return url
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func invalid(_ field: String, _ rule: String) -> APIError {
        APIError(.badRequest, code: "invalid_field", "Field '\(field)' must be \(rule).")
    }
}
