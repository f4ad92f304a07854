import EyecrestEngine
import EyecrestMarkdown
import Foundation

/// The markdown answer of `search.txt`: what an LLM agent needs to cite and fetch a hit,
/// nothing it would have to parse around. Each hit is its heading path, a link to exactly
/// its lines, and its text cut to the snippet budget (whole lines, fences balanced; see
/// `SectionExcerpt`); `---` separates hits and a last line names the next page.
///
/// ```
/// ## Guide > Install > Linux
///
/// [guide/install.md:12-30](/v1/datasets/docs/files/guide/install.md?start=12&end=30)
///
/// …the section's text…
///
/// ---
/// ```
enum SearchMarkdown {
    static func render(_ response: SearchResponse, dataset: String, request: SearchRequest) -> String {
        guard !response.hits.isEmpty else { return "No results for \"\(request.query)\".\n" }
        var blocks = response.hits.map { hit in
            let breadcrumb = hit.headingPath.isEmpty ? (hit.title ?? hit.filename) : hit.headingPath.joined(separator: " > ")
            let link = "/v1/datasets/\(dataset)/files/\(encodePath(hit.filename))?start=\(hit.startLine)&end=\(hit.endLine)"
            let text = SectionExcerpt.excerpt(of: hit.sectionText, focus: hit.snippet, budget: request.snippetLength)
            return "## \(breadcrumb)\n\n[\(hit.filename):\(hit.startLine)-\(hit.endLine)](\(link))\n" + (text.isEmpty ? "" : "\n\(text)\n")
        }
        if response.hasNextPage {
            var next = "More results: /v1/datasets/\(dataset)/search.txt?query=\(encodeQuery(request.query))&page=\(response.page + 1)"
            if request.perPage != 20 { next += "&perPage=\(request.perPage)" }
            if let prefix = request.pathPrefix { next += "&pathPrefix=\(encodeQuery(prefix))" }
            blocks.append(next + "\n")
        }
        return blocks.joined(separator: "\n---\n\n")
    }

    /// Percent-encodes each path component, keeping the `/` separators.
    static func encodePath(_ filename: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#[]() ")
        return filename.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
    }

    static func encodeQuery(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
