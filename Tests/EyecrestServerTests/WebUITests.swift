import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// The search page at `/` and its assets: types, the security headers, no token needed,
/// and static checks of the script's rules (text only, no inline script). The page's
/// behaviour in a browser is tested by `Tests/browser/test_search_page.py`.
@Suite("Web UI")
struct WebUITests {
    static let policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

    @Test(arguments: [
        ("/", "text/html; charset=utf-8"), ("/?dataset=book&q=borrow", "text/html; charset=utf-8"),
        ("/ui/app.js", "text/javascript; charset=utf-8"), ("/ui/app.css", "text/css; charset=utf-8"),
    ])
    func servesEachAssetWithItsTypeAndTheSecurityHeaders(path: String, contentType: String) async throws {
        try await withTestServer { client in
            let response = try await client.call(.get, path)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == contentType)
            #expect(response.headers[.contentSecurityPolicy] == Self.policy)
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(!response.text.isEmpty)
        }
    }

    @Test func thePageHasItsHooksAndNoInlineScriptOrStyle() async throws {
        try await withTestServer { client in
            let page = try await client.call(.get, "/").text
            #expect(page.contains(#"<input id="query" name="q" type="search""#))
            #expect(page.contains(#"<select id="dataset""#))
            #expect(page.contains(#"<script src="/ui/app.js" defer></script>"#))
            #expect(page.contains(#"<link rel="stylesheet" href="/ui/app.css">"#))
            // Every script element loads a file and holds nothing: the policy would block the rest.
            #expect(page.components(separatedBy: "<script").count == 2)
            #expect(!page.contains("style=") && !page.contains("<style"))
            #expect(page.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "an inline event handler")
        }
    }

    @Test func theScriptRendersUntrustedTextAsTextOnly() async throws {
        try await withTestServer { client in
            let script = try await client.call(.get, "/ui/app.js").text
            for forbidden in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute(\"on"] {
                #expect(!script.contains(forbidden), "app.js uses \(forbidden)")
            }
            #expect(script.contains("textContent"))
            #expect(script.contains("sessionStorage"))
            #expect(!script.contains("localStorage"), "the token stays in the tab's session")
            // Every hit carries the hooks tests and embedders rely on.
            for hook in ["dataset.filename", "dataset.sectionSlug", "dataset.startLine"] { #expect(script.contains(hook)) }
        }
    }

    @Test(arguments: ["/ui/missing.js", "/ui/app.js.map", "/ui/index.html"])
    func unknownAssetsAre404(path: String) async throws {
        try await withTestServer { client in
            expectError(try await client.call(.get, path), .notFound, "not_found")
        }
    }

    @Test func thePageNeedsNoTokenWhileTheAPIDoes() async throws {
        let keys = try await TestKeys.shared.value
        try await withAuthServer(keys) { client in
            #expect(try await client.call(.get, "/").status == .ok)
            #expect(try await client.call(.get, "/ui/app.js").status == .ok)
            expectError(try await client.call(.get, "/v1/datasets"), .unauthorized, "unauthenticated")
        }
    }

    @Test func otherMethodsOnThePageAreRefused() async throws {
        try await withTestServer { client in
            let response = try await client.call(.post, "/", body: "{}")
            #expect(response.status == .notFound || response.status == .methodNotAllowed, "\(response.text)")
            #expect(response.code != nil)
        }
    }

    @Test func theAssetsAreReadFromTheResourceBundle() throws {
        let assets = try #require(WebAssets.bundled)
        #expect(Set(assets.byPath.keys) == ["/", "/ui/app.js", "/ui/app.css"])
    }
}
