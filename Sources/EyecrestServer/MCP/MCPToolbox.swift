import EyecrestEngine
import Foundation
import Logging
import MCP

/// Runs the tools for one caller. Every engine call is made with ``org``, the org that
/// ``AuthMiddleware`` established for the HTTP request, so an agent sees through MCP
/// exactly what the same token sees through the REST API, and another org's dataset of
/// the same name is simply not there.
struct MCPToolbox: Sendable {
    let services: ServerServices
    let org: String
    let logger: Logger

    private typealias Name = MCPToolCatalog.Name
    private var engine: Engine { services.engine }
    private var limits: RequestLimits { services.configuration.limits }

    /// Answers `tools/call`. Params without a tool name, or an unknown tool, are a JSON-RPC
    /// error -32602 (what the spec prescribes); anything that goes wrong inside a tool is a
    /// result with `isError` whose text tells the agent how to recover.
    func call(_ params: Value) async throws(MCPError) -> CallTool.Result {
        guard case .object(let object) = params, case .string(let name)? = object["name"] else {
            throw .invalidParams(#"tools/call needs params {"name": TOOL, "arguments": {…}}"#)
        }
        guard Name.all.contains(name) else {
            throw .invalidParams("Unknown tool '\(name.prefix(80))'; the tools are \(Name.all.joined(separator: ", ")).")
        }
        let values: [String: Value]
        switch object["arguments"] {
        case nil, .null?: values = [:]
        case .object(let arguments)?: values = arguments
        case _?: throw .invalidParams("'arguments' must be an object")
        }
        let arguments = MCPToolArguments(tool: name, values: values)
        do {
            let text: String
            switch name {
            case Name.search: text = try await search(arguments)
            case Name.readFile: text = try await readFile(arguments)
            case Name.listDatasets: text = try listDatasets(arguments)
            default: text = try await listFiles(arguments)
            }
            return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], isError: false)
        } catch let failure as MCPToolFailure {
            return Self.failed(failure.message)
        } catch let error as EngineError {
            if case .storage = error { logger.error("MCP tool failed", metadata: ["tool": "\(name)", "error": "\(String(reflecting: error))"]) }
            return Self.failed(Self.advice(for: error))
        } catch {
            logger.error("MCP tool failed", metadata: ["tool": "\(name)", "error": "\(String(reflecting: error))"])
            return Self.failed("The tool failed unexpectedly; the server log has the details.")
        }
    }

    // MARK: The tools

    private func search(_ arguments: MCPToolArguments) async throws -> String {
        try arguments.expectOnly(["dataset", "query", "page", "perPage", "pathPrefix", "typoTolerance"])
        let dataset = try arguments.requiredString("dataset")
        let query = try arguments.requiredString("query")
        guard query.utf8.count <= limits.maxQueryBytes else {
            throw MCPToolFailure("'query' is longer than \(limits.maxQueryBytes) bytes; use a few distinctive words.")
        }
        var request = SearchRequest(query: query)
        request.page = try arguments.int("page", in: 0...limits.maxPage) ?? request.page
        request.perPage = try arguments.int("perPage", in: 1...limits.maxPerPage) ?? request.perPage
        request.pathPrefix = try arguments.string("pathPrefix").flatMap { $0.isEmpty ? nil : $0 }
        request.typoTolerance = try arguments.bool("typoTolerance") ?? request.typoTolerance
        let start = ContinuousClock.now
        let response = try await engine.search(org: org, dataset: dataset, request)
        services.metrics.recordSearch(duration: ContinuousClock.now - start)
        return Self.correctionsNote(response.corrections) + SearchMarkdown.render(response, dataset: dataset, request: request)
    }

    /// Tells the agent which words also matched other spellings, so that it can judge the
    /// hits and turn the corrections off when the word was meant as typed.
    static func correctionsNote(_ corrections: [TypoCorrection]) -> String {
        guard !corrections.isEmpty else { return "" }
        let words = corrections.map { "\($0.word) → \($0.terms.joined(separator: ", "))" }.joined(separator: "; ")
        return "*Also matched likely misspellings: \(words) (typoTolerance: false searches exactly as typed).*\n\n"
    }

    private func readFile(_ arguments: MCPToolArguments) async throws -> String {
        try arguments.expectOnly(["dataset", "filename", "start", "end", "showLineNumbers"])
        let dataset = try arguments.requiredString("dataset")
        let filename = try arguments.requiredString("filename")
        let start = try arguments.int("start", in: 1...Int(Int32.max))
        let end = try arguments.int("end", in: 1...Int(Int32.max))
        let showLineNumbers = try arguments.bool("showLineNumbers") ?? false
        if let start, let end, start > end { throw MCPToolFailure("'start' (\(start)) must not be greater than 'end' (\(end)).") }
        let file = try await engine.file(org: org, dataset: dataset, filename: filename)
        guard start != nil || end != nil || showLineNumbers else {
            return file.content.isEmpty ? "(The file '\(filename)' is empty.)" : file.content
        }
        let text = FileSlice.render(file.content, start: start, end: end, showLineNumbers: showLineNumbers)
        guard text.isEmpty else { return text }
        // An empty answer would read as an empty section; say why there is nothing.
        let lines = FileSlice.lineCount(file.content)
        return "(No lines: '\(filename)' has \(lines) lines, and lines \(start ?? 1) to \(end ?? lines) are outside it.)"
    }

    private func listDatasets(_ arguments: MCPToolArguments) throws -> String {
        try arguments.expectOnly([])
        let datasets = try engine.datasets(org: org)
        guard !datasets.isEmpty else {
            return "No datasets yet: push markdown files first (`eyecrest push DIR --dataset NAME`, or PUT /v1/datasets/NAME/files)."
        }
        let lines = datasets.map { "- \($0.datasetID) (\($0.shardCount) shard\($0.shardCount == 1 ? "" : "s"))" }
        return "\(datasets.count) dataset\(datasets.count == 1 ? "" : "s"):\n\n" + lines.joined(separator: "\n") + "\n"
    }

    private func listFiles(_ arguments: MCPToolArguments) async throws -> String {
        try arguments.expectOnly(["dataset", "prefix", "cursor", "limit"])
        let dataset = try arguments.requiredString("dataset")
        let prefix = try arguments.string("prefix").flatMap { $0.isEmpty ? nil : $0 }
        let cursor = try arguments.string("cursor").flatMap { $0.isEmpty ? nil : $0 }
        let limit = try arguments.int("limit", in: 1...1_000) ?? 200
        let page = try await engine.listFiles(org: org, dataset: dataset, prefix: prefix, cursor: cursor, limit: limit)
        guard !page.files.isEmpty else {
            if cursor != nil { return "No more files." }
            return prefix.map { "No file of '\(dataset)' starts with '\($0)'." } ?? "The dataset '\(dataset)' has no files."
        }
        var text: String = page.files.map { file in
            let title = file.title.map { " — \($0)" } ?? ""
            return "- \(file.filename)\(title) (\(file.sections) section\(file.sections == 1 ? "" : "s"), \(file.size) bytes)"
        }.joined(separator: "\n")
        if let next = page.nextCursor { text += "\n\nMore files: call list_files again with cursor \"\(next)\"." }
        return text + "\n"
    }

    // MARK: Errors

    private static func failed(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }

    /// The engine's message (safe to show: no SQL, no paths) plus the next step to take.
    static func advice(for error: EngineError) -> String {
        switch error {
        case .datasetNotFound: "\(error.description) Call list_datasets to see the datasets you can search."
        case .fileNotFound: "\(error.description) Use list_files or search to find the file's exact path."
        default: error.description
        }
    }
}
