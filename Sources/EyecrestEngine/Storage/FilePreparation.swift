import EyecrestMarkdown
import Foundation
import GRDB

/// Validates and hashes a batch before anything is written, so a bad file rejects the
/// whole batch and nothing is half-applied.
enum FilePreparation {
    static func prepare(_ files: [FileUpload]) throws(EngineError) -> [PreparedFile] {
        var seen = Set<String>()
        var prepared: [PreparedFile] = []
        prepared.reserveCapacity(files.count)
        for upload in files {
            try Validation.validateFilename(upload.filename)
            try Validation.validateWeight(upload.weight, filename: upload.filename)
            guard seen.insert(upload.filename).inserted else {
                throw .invalidArgument("'\(upload.filename)' appears more than once in the batch.")
            }
            if let metadata = upload.metadata {
                guard let data = metadata.data(using: .utf8),
                    (try? JSONSerialization.jsonObject(with: data)) is [String: Any]
                else { throw .invalidContent(filename: upload.filename, reason: "metadata must be a JSON object") }
            }
            prepared.append(PreparedFile(
                upload: upload, text: nil, sha: GitBlobSHA.hash(upload.content), document: nil,
                isMarkdown: Chunker.isMarkdown(upload.filename)))
        }
        return prepared
    }

    /// Decodes (rejecting invalid UTF-8) and chunks a file whose content changed.
    static func decode(_ file: inout PreparedFile, chunker: Chunker) throws(EngineError) {
        guard let text = String(validating: file.upload.content, as: UTF8.self) else {
            throw .invalidContent(filename: file.upload.filename, reason: "it is not valid UTF-8")
        }
        file.text = text
        if file.isMarkdown { file.document = chunker.chunk(filename: file.upload.filename, content: text) }
    }

    /// Computes a decoded file's section rows and tokenizes their fields: the part of
    /// indexing that needs no lock, done before the write so that batches use every core.
    static func index(_ file: inout PreparedFile, tokenizer: any FTS5Tokenizer) {
        guard file.text != nil, file.sections == nil else { return }
        let upload = file.upload
        let rows = SectionRow.rows(of: file.document, content: upload.content, filename: upload.filename, fileWeight: upload.weight)
        let frontmatter = SectionRow.frontmatter(of: rows)
        file.sections = rows.map {
            IndexedSection(row: $0, tokens: SectionTokens(fields: $0.indexedFields(frontmatter: frontmatter), tokenizer: tokenizer))
        }
    }

    /// A stored file (shipped by a primary, or copied by a resharding) decoded and
    /// chunked, ready to be applied to another shard.
    static func decoded(_ state: FileState, chunker: Chunker) throws(EngineError) -> PreparedFile {
        let upload = FileUpload(filename: state.filename, content: state.content, metadata: state.metadata, weight: state.weight)
        var file = PreparedFile(upload: upload, text: nil, sha: state.sha, document: nil, isMarkdown: Chunker.isMarkdown(state.filename))
        try decode(&file, chunker: chunker)
        return file
    }
}
