import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EyecrestServer

/// Tenancy (docs/api.md, "Callers and organizations"): one org never reads or changes
/// another org's data. `acme` owns the dataset `docs`; for `globex` it is simply not
/// there, on every route, and `globex` can create its own `docs` without touching acme's.
@Suite("Tenancy")
struct TenancyTests {
    static let acmeFile = "# Acme secrets\n\nThe launch code is swordfish.\n"
    static let globexFile = "# Globex plans\n\nThe launch code is hammock.\n"

    @Test func anotherOrgsDatasetIsNotThereOnAnyRoute() async throws {
        let keys = try await TestKeys.shared.value
        let acme = try await keys.token(org: "acme")
        let globex = try await keys.eddsa.token(org: "globex", ttl: 600, kid: "ed")
        try await withAuthServer(keys) { client in
            #expect(try await client.call(.post, "/v1/datasets/docs", token: acme).status == .created)
            let upsert = try jsonText(["files": [["filename": "secret.md", "content": Self.acmeFile]]])
            #expect(try await client.call(.put, "/v1/datasets/docs/files", token: acme, body: upsert).status == .ok)

            // Every route that names the dataset: 404, nothing revealed, nothing changed.
            let missing: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/v1/datasets/docs", nil),
                (.get, "/v1/datasets/docs/size", nil),
                (.get, "/v1/datasets/docs/files", nil),
                (.get, "/v1/datasets/docs/files/secret.md", nil),
                (.get, "/v1/datasets/docs/search?query=swordfish", nil),
                (.get, "/v1/datasets/docs/search.txt?query=swordfish", nil),
                (.put, "/v1/datasets/docs/files", try jsonText(["files": [["filename": "secret.md", "content": "overwritten"]]])),
                (.delete, "/v1/datasets/docs/files", try jsonText(["filenames": ["secret.md"]])),
                (.get, "/v1/datasets/docs/synonyms", nil),
                (.put, "/v1/datasets/docs/synonyms", #"{"groups": [["swordfish", "hammock"]]}"#),
                (.delete, "/v1/datasets/docs/synonyms", nil),
                (.delete, "/v1/datasets/docs", nil),
            ]
            for (method, path, body) in missing {
                let result = try await client.call(method, path, token: globex, body: body)
                expectError(result, .notFound, "dataset_not_found")
                #expect(!result.text.contains("swordfish") && !result.text.contains("acme"), "\(method) \(path): \(result.text)")
            }
            let globexList = try await client.call(.get, "/v1/datasets", token: globex)
            #expect((globexList["datasets"] as? [Any])?.isEmpty == true, "\(globexList.text)")

            // globex creates its own `docs`: a new dataset, not acme's.
            let created = try await client.call(.post, "/v1/datasets/docs", body: #"{"shards": 3}"#, tokenFor: globex)
            #expect(created.status == .created && created["created"] as? Bool == true && created["orgId"] as? String == "globex")
            let own = try jsonText(["files": [["filename": "secret.md", "content": Self.globexFile]]])
            let upserted = try await client.call(.put, "/v1/datasets/docs/files", token: globex, body: own)
            #expect(upserted.status == .ok && upserted["created"] as? Int == 1, "\(upserted.text)")
            let globexSearch = try await client.call(.get, "/v1/datasets/docs/search?query=swordfish", token: globex)
            #expect((globexSearch["results"] as? [Any])?.isEmpty == true, "\(globexSearch.text)")
            let globexText = try await client.call(.get, "/v1/datasets/docs/search.txt?query=launch", token: globex)
            #expect(globexText.text.contains("hammock") && !globexText.text.contains("swordfish"))
            let globexRead = try await client.call(.get, "/v1/datasets/docs/files/secret.md", token: globex)
            #expect(globexRead["content"] as? String == Self.globexFile)
            #expect(try await client.call(.get, "/v1/datasets/docs/size", token: globex)["shards"] as? Int == 3)
            #expect(try await client.call(.delete, "/v1/datasets/docs/files", token: globex, body: try jsonText(["filenames": ["secret.md"]])).status == .ok)
            #expect(try await client.call(.delete, "/v1/datasets/docs", token: globex).status == .ok)

            // acme's dataset is exactly as it was.
            let show = try await client.call(.get, "/v1/datasets/docs", token: acme)
            #expect(show["shards"] as? Int == 1 && (show["stats"] as? [String: Any])?["files"] as? Int == 1, "\(show.text)")
            let read = try await client.call(.get, "/v1/datasets/docs/files/secret.md", token: acme)
            #expect(read["content"] as? String == Self.acmeFile)
            let search = try await client.call(.get, "/v1/datasets/docs/search?query=swordfish", token: acme)
            #expect((search["results"] as? [[String: Any]])?.first?["filename"] as? String == "secret.md")
            let files = try await client.call(.get, "/v1/datasets/docs/files", token: acme)
            #expect((files["files"] as? [[String: Any]])?.count == 1)
            let acmeList = try await client.call(.get, "/v1/datasets", token: acme)
            #expect((acmeList["datasets"] as? [[String: Any]])?.map { $0["orgId"] as? String } == ["acme"])
        }
    }

    /// Org ids are compared exactly: no case folding, no prefix matching.
    @Test func similarOrgIdsAreDistinct() async throws {
        let keys = try await TestKeys.shared.value
        try await withAuthServer(keys) { client in
            #expect(try await client.call(.post, "/v1/datasets/docs", token: try await keys.token(org: "acme")).status == .created)
            for org in ["Acme", "acme ", "acm", "acme2", "local"] {
                expectError(try await client.call(.get, "/v1/datasets/docs", token: try await keys.token(org: org)), .notFound, "dataset_not_found")
            }
        }
    }
}

extension TestClientProtocol {
    /// `call` with a token and a body, arguments in the order of the body-first tests.
    fileprivate func call(_ method: HTTPRequest.Method, _ uri: String, body: String, tokenFor token: String) async throws -> JSONResult {
        try await call(method, uri, token: token, body: body)
    }
}
