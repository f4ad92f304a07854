@testable import EyecrestEngine
import Foundation
import Testing

extension RelevanceFeatures {
    /// How a section's heading and its file's name weigh (docs/engine.md, "Ranking"): a
    /// heading made only of the query's words beats one that merely mentions them, a page's
    /// introduction is headed by the page's title and described by its description, and a
    /// file named by the query lifts its sections.
    @Suite("Heading and file-name ranking")
    struct HeadingRankingTests {
        @Test("A heading that is exactly the query outranks a longer heading holding it")
        func exactHeadingFirst() async throws {
            let (engine, directory) = try TestSupport.engine()
            defer { try? FileManager.default.removeItem(at: directory) }
            // `cookies.has()` says cookies twice in its body, so plain BM25 would put it first.
            let reference = """
                # API reference

                ## cookies.has()

                Whether the cookies hold a key: cookies are read from the request.

                ## Cookies

                Read and write the cookies of a request.

                """
            try await TestSupport.load([FileUpload(filename: "api.md", content: Data(reference.utf8))], into: engine, dataset: "docs")
            let response = try await engine.search(org: "test", dataset: "docs", SearchRequest(query: "cookies", perPage: 5))
            #expect(response.hits.map(\.sectionSlug).prefix(2) == ["cookies", "cookieshas"], "\(response.hits.map(\.sectionSlug))")
        }

        @Test("A file named by the query's words lifts its sections: the more of the name they make up, the more")
        func fileNamePrior() async throws {
            let (engine, directory) = try TestSupport.engine()
            defer { try? FileManager.default.removeItem(at: directory) }
            // The same section in three files: named exactly `sessions`, with `sessions` one
            // word of five in the name, and without it.
            let section = "## Storing data\n\nSessions keep data between requests.\n"
            let names = ["guides/sessions.md", "guides/sessions-and-cookies-in-depth.md", "guides/storage.md"]
            try await TestSupport.load(names.map { FileUpload(filename: $0, content: Data(section.utf8)) }, into: engine, dataset: "docs")
            let response = try await engine.search(org: "test", dataset: "docs", SearchRequest(query: "sessions", perPage: 5))
            #expect(response.hits.map(\.filename) == names)
            let scores = Dictionary(uniqueKeysWithValues: response.hits.map { ($0.filename, $0.score) })
            let exact = try #require(scores[names[0]]), partial = try #require(scores[names[1]]), none = try #require(scores[names[2]])
            // The prior multiplies by 1 + share × precision × pathBonus: ×1.5 for the exact name, ×1.1 for one word of five.
            #expect(exact / partial > 1.25 && partial / none > 1.05, "\(scores)")
        }

        @Test("A page's frontmatter description finds its introduction, not only the frontmatter")
        func descriptionHelpsTheIntroduction() async throws {
            let (engine, directory) = try TestSupport.engine()
            defer { try? FileManager.default.removeItem(at: directory) }
            let page = "---\ntitle: Docker\ndescription: Package your site into containers.\n---\n\nDocker builds an image of the site.\n\n## Prerequisites\n\nInstall it.\n"
            try await TestSupport.load([FileUpload(filename: "docker.md", content: Data(page.utf8))], into: engine, dataset: "docs")
            let response = try await engine.search(org: "test", dataset: "docs", SearchRequest(query: "containers", perPage: 5))
            // The word is only in the description: the introduction matches it through its context.
            #expect(Set(response.hits.map(\.sectionSlug)) == ["introduction", ""], "\(response.hits.map(\.sectionSlug))")
        }

        @Test("A query naming a page finds its introduction first, headed by the page's title")
        func introductionHeadedByTitle() async throws {
            let directory = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let page = """
                ---
                title: Docker
                description: Build and run your site in a container with Docker.
                ---

                Docker is a tool to build and run applications in containers.

                ## Prerequisites

                Docker installed on your machine, and a Dockerfile that docker build reads.

                ## Static sites

                Serve the built files with docker and a small web server image.

                """
            let other = "# Deploying\n\nDeploy the site anywhere: a docker image is one way among many.\n"
            let request = SearchRequest(query: "docker", perPage: 5)
            let response: SearchResponse
            do {
                let engine = try Engine(dataDirectory: directory)
                try await TestSupport.load(
                    [FileUpload(filename: "recipes/docker.md", content: Data(page.utf8)), FileUpload(filename: "deploy.md", content: Data(other.utf8))],
                    into: engine, dataset: "docs")
                response = try await engine.search(org: "test", dataset: "docs", request)
            }
            let first = try #require(response.hits.first)
            #expect(first.filename == "recipes/docker.md" && first.sectionSlug == "introduction", "\(response.hits.map { "\($0.filename)#\($0.sectionSlug)" })")
            // Only the index reads the title as the heading: the hit still has none of its own.
            #expect(first.heading == "" && first.title == "Docker")

            // An index rebuilt when the shard opens indexes the same columns as the write did.
            let reopened = try Engine(dataDirectory: directory)
            let again = try await reopened.search(org: "test", dataset: "docs", request)
            #expect(again.hits.map(\.score) == response.hits.map(\.score))
            #expect(try await reopened.checkIntegrity().problems == [])
        }
    }
}
