import Foundation
import NIOCore

/// The search page's files (`Sources/EyecrestServer/WebUI`, a SwiftPM resource), read once
/// and kept in memory: three small files, served on every visit.
struct WebAssets: Sendable {
    /// One file and the content type it is served with.
    struct Asset: Sendable {
        let contentType: String
        let body: ByteBuffer
    }

    /// Keyed by the URL path that serves each file.
    let byPath: [String: Asset]

    /// URL path, resource name and extension, content type.
    private static let files: [(path: String, name: String, ext: String, contentType: String)] = [
        ("/", "index", "html", "text/html; charset=utf-8"),
        ("/ui/app.js", "app", "js", "text/javascript; charset=utf-8"),
        ("/ui/app.css", "app", "css", "text/css; charset=utf-8"),
    ]

    /// The files from the module's resource bundle; nil when the bundle or a file is
    /// missing (a binary copied without the `eyecrest_EyecrestServer.resources` folder
    /// that the build puts beside it). Read once per process.
    static let bundled: WebAssets? = {
        guard let bundle = resourceBundle() else { return nil }
        var byPath: [String: Asset] = [:]
        for file in files {
            guard let url = bundle.url(forResource: file.name, withExtension: file.ext, subdirectory: "WebUI"),
                let data = try? Data(contentsOf: url)
            else { return nil }
            byPath[file.path] = Asset(contentType: file.contentType, body: ByteBuffer(bytes: data))
        }
        return WebAssets(byPath: byPath)
    }()

    /// SwiftPM's generated `Bundle.module` stops the process when it finds no bundle, so
    /// it is used only once the bundle is known to be beside the binary: a missing page is
    /// then a 503 on `/`, never a crash of the whole server.
    private static func resourceBundle() -> Bundle? {
        let names = ["eyecrest_EyecrestServer.resources", "eyecrest_EyecrestServer.bundle"]
        let directory = Bundle.main.bundleURL
        guard names.contains(where: { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }) else { return nil }
        return Bundle.module
    }
}
