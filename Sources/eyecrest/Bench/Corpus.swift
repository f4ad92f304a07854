import EyecrestEngine
import EyecrestMarkdown
import Foundation

/// Markdown files read from folders or `.tar.gz` archives, named by their path relative
/// to the folder (or inside the archive).
struct Corpus {
    var files: [FileUpload] = []
    var bytes: Int { files.reduce(0) { $0 + $1.content.count } }

    /// Reads every markdown file under each path; archives are unpacked into `scratch`.
    static func load(_ paths: [String], scratch: URL) throws -> Corpus {
        var corpus = Corpus()
        for (index, path) in paths.enumerated() {
            var root = URL(fileURLWithPath: path)
            if path.hasSuffix(".tar.gz") || path.hasSuffix(".tgz") {
                root = scratch.appendingPathComponent("corpus-\(index)")
                try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
                let tar = Process()
                tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                tar.arguments = ["tar", "-xzf", path, "-C", root.path]
                try tar.run()
                tar.waitUntilExit()
                guard tar.terminationStatus == 0 else { throw BenchError("could not unpack \(path)") }
            }
            corpus.files += try markdownFiles(under: root)
        }
        corpus.files.sort { $0.filename < $1.filename }
        return corpus
    }

    private static func markdownFiles(under root: URL) throws -> [FileUpload] {
        let rootPath = root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: rootPath) else { throw BenchError("cannot read \(rootPath)") }
        var files: [FileUpload] = []
        while let relative = walker.nextObject() as? String {
            guard Chunker.isMarkdown(relative) else { continue }
            let full = rootPath + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: full), String(validating: data, as: UTF8.self) != nil
            else { continue }
            files.append(FileUpload(filename: relative, content: data))
        }
        return files
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
