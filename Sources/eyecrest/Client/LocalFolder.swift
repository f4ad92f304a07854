import EyecrestEngine
import EyecrestMarkdown
import Foundation

/// The markdown files of a folder, as `eyecrest push` uploads them.
struct LocalFolder {
    struct File {
        /// The path relative to the folder, `/`-separated: the filename in the dataset.
        var filename: String
        var url: URL
        var size: Int
    }

    /// Every `.md`, `.mdx` and `.markdown` file under `root`, hidden files and folders
    /// (`.git`, …) and `node_modules` excluded, sorted by filename.
    static func scan(_ root: URL) throws -> [File] {
        let root = root.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("'\(root.path)' is not a folder.")
        }
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey, .fileSizeKey], options: [.skipsHiddenFiles])
        else { throw CLIError("Cannot read '\(root.path)'.") }
        var files: [File] = []
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in enumerator {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey, .fileSizeKey])
            if values.isDirectory == true {
                if Chunker.toolingFolders.contains(url.lastPathComponent) { enumerator.skipDescendants() }
                continue
            }
            guard values.isRegularFile == true, Chunker.isMarkdown(url.lastPathComponent) else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard path.hasPrefix(prefix) else { continue }
            files.append(File(filename: String(path.dropFirst(prefix.count)), url: url, size: values.fileSize ?? 0))
        }
        return files.sorted { $0.filename < $1.filename }
    }

    /// The git blob SHA-1 of a file, the id the server compares to skip unchanged files.
    static func sha(of data: Data) -> String { GitBlobSHA.hash(data) }
}

/// A failure the command line reports as one line, without a stack of types.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
