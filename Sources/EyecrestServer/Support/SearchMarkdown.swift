import EyecrestEngine
import EyecrestMarkdown
import Foundation

/// The answer of `search.txt` (and of the MCP `search` tool), in the original eyecrest
/// API's shape: what an LLM agent needs to cite and fetch a hit, nothing it would have to
/// parse around. Each hit is a heading one level deeper than its section's own (at most
/// `######`) showing its heading path, a link `[file:startLine]` to exactly its lines,
/// and its text cut to the snippet budget (whole lines, fences balanced; see
/// `SectionExcerpt`); a `---` line between blank lines separates hits, and a last line
/// names the next page.
///
/// ```
/// ### Guide > Install > Linux
///
/// [guide/install.md:12](/v1/datasets/docs/files/guide/install.md?start=12&end=30)
///
/// …the section's text…
///
/// ---
///
/// …
///
/// *More results available on page 1*
/// ```
enum SearchMarkdown {
    static func render(_ response: SearchResponse, dataset: String, request: SearchRequest) -> String {
        guard !response.hits.isEmpty else { return "No results for \"\(request.query)\".\n" }
        let blocks = response.hits.map { hit in
            let breadcrumb = hit.headingPath.isEmpty ? (hit.title ?? hit.filename) : hit.headingPath.joined(separator: " > ")
            let marks = String(repeating: "#", count: min(hit.level + 1, 6))
            let link = "/v1/datasets/\(dataset)/files/\(encodePath(hit.filename))?start=\(hit.startLine)&end=\(hit.endLine)"
            let text = SectionExcerpt.excerpt(of: hit.sectionText, focus: hit.snippet, budget: request.snippetLength)
            return "\(marks) \(breadcrumb)\n\n[\(hit.filename):\(hit.startLine)](\(link))\n" + (text.isEmpty ? "" : "\n\(text)\n")
        }
        let next = response.hasNextPage ? "\n*More results available on page \(response.page + 1)*\n" : ""
        return blocks.joined(separator: "\n---\n\n") + next
    }

    /// Percent-encodes each path component, keeping the `/` separators.
    static func encodePath(_ filename: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#[]() ")
        return filename.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
    }
}
