import EyecrestClient
import Foundation

/// Where `eyecrest push` takes markdown from when it is not a folder.
enum ArchiveSource: Equatable {
    /// A local `.tar.gz`, streamed to `import/tar`.
    case file(URL)
    /// An `http(s)` URL of a `.tar.gz`, fetched by the server.
    case url(String)

    /// Nil for anything else (a folder, or a path that does not exist: the folder scan
    /// reports that).
    init?(_ argument: String) {
        let lower = argument.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            self = .url(argument)
            return
        }
        var isDirectory: ObjCBool = false
        guard lower.hasSuffix(".tar.gz") || lower.hasSuffix(".tgz"),
            FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), !isDirectory.boolValue
        else { return nil }
        self = .file(URL(fileURLWithPath: argument))
    }
}

extension PushCommand {
    var archive: ArchiveSource? { ArchiveSource(directory) }

    /// Creates the dataset if needed and has the server import the archive in one request.
    func pushArchive(_ archive: ArchiveSource, client: EyecrestClient, started: ContinuousClock.Instant) async throws {
        try await client.createDataset(dataset)
        let options = ImportOptions(path: path)
        let response =
            switch archive {
            case .file(let file): try await client.importTar(dataset, file: file, options: options)
            case .url(let url): try await client.importURL(dataset, url: url, options: options)
            }
        ImportReport.print(response, dataset: dataset, elapsed: ContinuousClock.now - started)
    }
}

/// The end of an archive import: skipped entries on standard error, then one line
/// `docs: 112 imported, 0 unchanged, 1 skipped (2.3 MB of markdown, 0.9s)`.
enum ImportReport {
    static func print(_ response: ImportResponse, dataset: String, elapsed: Duration) {
        for entry in response.skipped { Terminal.printError("skipped \(entry.path) (\(entry.reason.rawValue))") }
        if response.filesSkipped > response.skipped.count {
            Terminal.printError("… and \(response.filesSkipped - response.skipped.count) more skipped")
        }
        let megabytes = Double(response.totalSizeBytes) / 1_000_000
        Swift.print(
            "\(dataset): \(response.filesImported) imported, \(response.filesUnchanged) unchanged, \(response.filesSkipped) skipped "
                + "(\(String(format: "%.1f", megabytes)) MB of markdown, \(String(format: "%.1f", elapsed.seconds))s)")
    }
}
