import EyecrestClient
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The operator's whole flow with the real binary: generate keys, serve with the public
/// key, mint a token, use it from the command line. Serialized: these start processes.
@Suite("Authentication end to end", .serialized)
struct AuthEndToEndTests {
    @Test func keysServeTokenPushSearch() async throws {
        try await withTemporaryDirectory { directory in
            let keys = directory.appendingPathComponent("keys")
            let rsaKeys = directory.appendingPathComponent("rsa-keys")
            let generated = try await runCLI(["keys", "generate", "--out", keys.path, "--algorithm", "eddsa", "--kid", "ops-1"], in: directory)
            #expect(generated.status == 0, "\(generated.stderr)")
            let rsa = try await runCLI(["keys", "generate", "--out", rsaKeys.path, "--algorithm", "rs256"], in: directory)
            #expect(rsa.status == 0, "\(rsa.stderr)")
            let again = try await runCLI(["keys", "generate", "--out", keys.path], in: directory)
            #expect(again.status != 0 && again.stderr.contains("--force"), "an existing pair is never overwritten silently")
            let privateKey = keys.appendingPathComponent("private.pem")
            let mode = try FileManager.default.attributesOfItem(atPath: privateKey.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)

            let server = try ServerProcess(
                dataDirectory: directory.appendingPathComponent("data"), logFile: directory.appendingPathComponent("server.log"),
                extraArguments: [
                    "--auth-public-key", keys.appendingPathComponent("public.pem").path,
                    "--auth-public-key", rsaKeys.appendingPathComponent("public.pem").path,
                ])
            do {
                try await server.waitUntilReady()
                try await exercise(server: server, privateKey: privateKey, rsaPrivateKey: rsaKeys.appendingPathComponent("private.pem"), in: directory)
            } catch {
                Issue.record("server log:\n\(server.log())")
                await server.stop()
                throw error
            }
            #expect(await server.stop() == 0)
        }
    }

    private func exercise(server: ServerProcess, privateKey: URL, rsaPrivateKey: URL, in directory: URL) async throws {
        let minted = try await runCLI(["token", "--private-key", privateKey.path, "--org", "acme", "--ttl", "600"], in: directory)
        #expect(minted.status == 0, "\(minted.stderr)")
        let token = minted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.split(separator: ".").count == 3)
        let otherOrg = try await runCLI(["token", "--private-key", rsaPrivateKey.path, "--org", "globex"], in: directory)
        let globex = otherOrg.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let docs = directory.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try Data("# Launch\n\nThe launch checklist lives here.\n".utf8).write(to: docs.appendingPathComponent("launch.md"))
        let serverArgs = ["--server", server.url]

        // With the token: push and search succeed, by flag and by environment variable.
        let push = try await runCLI(["push", docs.path, "--dataset", "handbook", "--token", token] + serverArgs, in: directory)
        #expect(push.status == 0, "\(push.stderr)")
        let search = try await runCLI(["search", "handbook", "checklist", "--token", token] + serverArgs, in: directory)
        #expect(search.status == 0 && search.stdout.contains("launch.md"), "\(search.stdout)\(search.stderr)")
        let byEnvironment = try await runCLI(["search", "handbook", "checklist"] + serverArgs, in: directory, environment: ["EYECREST_TOKEN": token])
        #expect(byEnvironment.status == 0 && byEnvironment.stdout.contains("launch.md"), "\(byEnvironment.stderr)")

        // Without it: 401, for every client command.
        for arguments in [["push", docs.path, "--dataset", "handbook"], ["search", "handbook", "checklist"], ["get", "handbook", "launch.md"], ["datasets", "list"]] {
            let denied = try await runCLI(arguments + serverArgs, in: directory, environment: ["EYECREST_TOKEN": ""])
            #expect(denied.status != 0 && denied.stderr.contains("401 unauthenticated"), "\(arguments): \(denied.stderr)")
        }
        let forged = try await runCLI(["search", "handbook", "checklist", "--token", token + "x"] + serverArgs, in: directory)
        #expect(forged.status != 0 && forged.stderr.contains("401"), "\(forged.stderr)")
        // Another org (another key) does not see acme's dataset.
        let foreign = try await runCLI(["search", "handbook", "checklist", "--token", globex] + serverArgs, in: directory)
        #expect(foreign.status != 0 && foreign.stderr.contains("404 dataset_not_found"), "\(foreign.stderr)")

        // The SDK, and the open routes.
        #expect(try await EyecrestClient(baseURL: server.url, token: token).listDatasets().map(\.datasetId) == ["handbook"])
        #expect(await server.client.health())
        #expect(try await server.client.metrics().contains("eyecrest_http_requests_total"))
        await #expect(throws: EyecrestError.self) { try await server.client.listDatasets() }

        // Tokens never reach the log, whole or in part.
        let log = server.log()
        for secret in [token, globex] {
            #expect(!log.contains(secret) && !log.contains(String(secret.split(separator: ".")[2])), "a token is in the server log")
        }
    }

    /// `serve --host 0.0.0.0` without a key must refuse, quickly and with a clear message.
    @Test func serveOnAllInterfacesWithoutKeysRefuses() async throws {
        try await withTemporaryDirectory { directory in
            let port = try freeLoopbackPort()
            let errorFile = directory.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
            let errors = try FileHandle(forWritingTo: errorFile)
            let process = try ChildProcess(
                executable: try eyecrestBinary().path,
                arguments: ["serve", "--host", "0.0.0.0", "--port", String(port), "--data-dir", directory.appendingPathComponent("data").path],
                environment: ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("EYECREST_") }, standardError: errors)
            try? errors.close()
            for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                Issue.record("serve --host 0.0.0.0 without keys kept running")
                return
            }
            #expect(process.terminationStatus != 0)
            let message = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            #expect(message.contains("Refusing to listen on '0.0.0.0'") && message.contains("--allow-unauthenticated"), "\(message)")
            // Nothing was created: the refusal comes before the engine opens.
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("data").path))
        }
    }
}
