import Foundation

extension ServerProcess {
    /// A real server in a fresh temporary folder, ready, for `body`; stopped by its PID
    /// whatever happens (a failed expectation or a thrown error included), and the folder
    /// removed. Returns the server's exit status.
    @discardableResult
    static func scoped(
        _ name: String, extraArguments: [String] = [], launcher: [String] = [], _ body: (ServerProcess) async throws -> Void
    ) async throws -> Int32 {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eyecrest-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try ServerProcess(
            dataDirectory: directory.appendingPathComponent("data"), logFile: directory.appendingPathComponent("server.log"),
            extraArguments: extraArguments, launcher: launcher)
        do {
            try await server.waitUntilReady()
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        return await server.stop()
    }
}
