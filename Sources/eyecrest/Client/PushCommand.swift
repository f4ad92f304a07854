import ArgumentParser
import EyecrestClient
import Foundation

/// `eyecrest push DIR --dataset NAME`: mirrors a folder of markdown into a dataset. A
/// `.tar.gz` or an `http(s)` URL instead of a folder goes to the server's archive import
/// (see ArchivePush.swift).
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Upload a folder's (or a .tar.gz's) .md, .mdx and .markdown files to a dataset.",
        discussion: """
            Creates the dataset if it does not exist. Files whose git blob SHA matches the \
            server's copy are skipped. With --delete, files in the dataset that are not in \
            the folder are removed. Hidden files and folders and node_modules are ignored. \
            A .tar.gz (or .tgz) file is streamed to the server's import/tar route, and an \
            http(s) URL of one is fetched by the server; both are imported all or nothing, \
            with a single top-level folder removed and --path selecting a folder inside.
            """)

    @Argument(help: "The folder to upload, or a .tar.gz file, or an http(s) URL of one.")
    var directory: String

    @Option(help: "Archives only: import just this folder of the archive, named relative to it.")
    var path: String?

    @Option(help: "The dataset to upload into.")
    var dataset: String

    @Flag(help: "Delete files from the dataset that are not in the folder.")
    var delete = false

    @Option(help: "Files per upload request.")
    var batchSize = 100

    @OptionGroup var options: ClientOptions

    /// Keeps every request well under the server's default 32 MiB body limit, JSON
    /// escaping included.
    static let maxBatchBytes = 8 * 1024 * 1024
    static let maxFileBytes = 8 * 1024 * 1024

    func validate() throws {
        guard (1...1_000).contains(batchSize) else { throw ValidationError("--batch-size must be from 1 to 1000.") }
        if archive == nil, path != nil { throw ValidationError("--path is for a .tar.gz or a URL; for a folder, push the subfolder.") }
        if archive != nil, delete { throw ValidationError("--delete works with folders only.") }
    }

    func run() async throws {
        let started = ContinuousClock.now
        let client = options.client()
        if let archive { return try await pushArchive(archive, client: client, started: started) }
        let local = try LocalFolder.scan(URL(fileURLWithPath: directory, isDirectory: true))
        try await client.createDataset(dataset)
        let remote = Dictionary(try await client.allFiles(dataset).map { ($0.filename, $0.sha) }, uniquingKeysWith: { first, _ in first })

        var summary = PushSummary()
        var pending: [FileInput] = []
        var pendingBytes = 0
        let progress = ProgressBar(total: local.count, label: "push", enabled: Terminal.stderrIsTTY)
        var done = 0

        func flush() async throws {
            guard !pending.isEmpty else { return }
            let response = try await client.upsertFiles(dataset, files: pending)
            summary.created += response.created
            summary.updated += response.updated
            summary.unchanged += response.unchanged
            done += pending.count
            progress.update(done)
            pending = []
            pendingBytes = 0
        }

        for file in local {
            guard file.size <= Self.maxFileBytes else {
                summary.skipped.append("\(file.filename) (larger than \(Self.maxFileBytes) bytes)")
                done += 1
                continue
            }
            let data = try Data(contentsOf: file.url)
            if remote[file.filename] == LocalFolder.sha(of: data) {
                summary.unchanged += 1
                done += 1
                continue
            }
            guard let content = String(data: data, encoding: .utf8) else {
                summary.skipped.append("\(file.filename) (not UTF-8)")
                done += 1
                continue
            }
            if pendingBytes + data.count > Self.maxBatchBytes { try await flush() }
            pending.append(FileInput(filename: file.filename, content: content))
            pendingBytes += data.count
            if pending.count >= batchSize { try await flush() }
        }
        try await flush()

        if delete {
            let present = Set(local.map(\.filename))
            let stale = remote.keys.filter { !present.contains($0) }.sorted()
            for start in stride(from: 0, to: stale.count, by: 1_000) {
                let response = try await client.deleteFiles(dataset, filenames: Array(stale[start..<min(start + 1_000, stale.count)]))
                summary.deleted += response.deleted.count
            }
        }
        progress.finish()
        for skipped in summary.skipped { Terminal.printError("skipped \(skipped)") }
        let elapsed = ContinuousClock.now - started
        print(summary.line(dataset: dataset, files: local.count, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
    }
}

/// What a push did, printed as one line.
struct PushSummary {
    var created = 0
    var updated = 0
    var unchanged = 0
    var deleted = 0
    var skipped: [String] = []

    func line(dataset: String, files: Int, seconds: Double) -> String {
        var parts = ["\(created) created", "\(updated) updated", "\(unchanged) unchanged", "\(deleted) deleted"]
        if !skipped.isEmpty { parts.append("\(skipped.count) skipped") }
        return "\(dataset): \(parts.joined(separator: ", ")) (\(files) local files, \(String(format: "%.1f", seconds))s)"
    }
}
