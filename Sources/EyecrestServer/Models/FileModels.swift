import EyecrestAPI
import EyecrestEngine

extension EyecrestAPI.UpsertResult {
    init(_ result: EyecrestEngine.UpsertResult) {
        let status: UpsertStatus =
            switch result.status {
            case .created: .created
            case .updated: .updated
            case .unchanged: .unchanged
            }
        self.init(filename: result.filename, status: status, sha: result.sha, sections: result.sections, seq: result.seq, shard: result.shard)
    }
}

extension FileInfo {
    init(_ summary: FileSummary) {
        self.init(
            filename: summary.filename, sha: summary.sha, size: summary.size, weight: summary.weight, sections: summary.sections,
            title: summary.title)
    }
}

extension FileContent {
    /// `file` with `content` in place of its own (a slice), and the range asked for.
    init(_ file: StoredFile, content: String, startLine: Int?, endLine: Int?) {
        self.init(
            filename: file.filename, content: content, sha: file.sha, metadata: JSONValue.parseObject(file.metadata), weight: file.weight,
            title: file.title, sections: file.sections, seq: file.seq, startLine: startLine, endLine: endLine)
    }
}
