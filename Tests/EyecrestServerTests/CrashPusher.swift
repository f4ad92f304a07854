import EyecrestClient
import EyecrestEngine
import EyecrestMarkdown
import Foundation


/// Writes one slice of the files in a loop until the server dies under it: batches of
/// upserts with content changed every time (so every upsert is a real write), and now
/// and then a delete. Each pusher owns its files alone, so a file never has two
/// requests in flight and the ledger can say exactly which versions are allowed.
struct CrashPusher: Sendable {
    var client: EyecrestClient
    var dataset: String
    /// (filename, original content) of the files this pusher owns.
    var files: [(name: String, content: String)]
    var ledger: CrashLedger
    var round: Int
    var seed: UInt64

    func run() async {
        var random = SplitMix64(seed: seed)
        var write = 0
        while !Task.isCancelled {
            write += 1
            let current = await ledger.versions(of: files.map(\.name))
            let existing = files.map(\.name).filter { current[$0] != .absent }
            let answered: Bool
            if !existing.isEmpty, Int.random(in: 0..<6, using: &random) == 0 {
                answered = await delete(Array(existing.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random))))
            } else {
                let batch = files.shuffled(using: &random).prefix(Int.random(in: 1...4, using: &random))
                answered = await upsert(Array(batch), write: write, current)
            }
            if !answered { return }
        }
    }

    /// Sends one upsert; false once the server is gone.
    private func upsert(_ batch: [(name: String, content: String)], write: Int, _ current: [String: CrashLedger.Version]) async -> Bool {
        let inputs = batch.map { FileInput(filename: $0.name, content: $0.content + "\nCrash test round \(round), write \(write).\n") }
        let changes = Dictionary(uniqueKeysWithValues: inputs.map { ($0.filename, CrashLedger.Version.sha(GitBlobSHA.hash(Data($0.content.utf8)))) })
        await ledger.begin(changes)
        let response: UpsertResponse
        do {
            response = try await client.upsertFiles(dataset, files: inputs)
        } catch {
            return await unanswered(error, "upsert")
        }
        // The answer itself must agree with what was stored before.
        for result in response.results {
            let expectedStatus: UpsertStatus = current[result.filename] == .absent ? .created : .updated
            if changes[result.filename] != .sha(result.sha) || result.status != expectedStatus {
                await ledger.fail("round \(round): upsert of '\(result.filename)' answered \(result.status) \(result.sha)")
            }
        }
        if response.results.count != inputs.count { await ledger.fail("round \(round): upsert answered \(response.results.count) of \(inputs.count)") }
        await ledger.acknowledge(changes)
        return true
    }

    /// Sends one delete of files that exist; false once the server is gone.
    private func delete(_ names: [String]) async -> Bool {
        let changes = Dictionary(uniqueKeysWithValues: names.map { ($0, CrashLedger.Version.absent) })
        await ledger.begin(changes)
        let response: DeleteFilesResponse
        do {
            response = try await client.deleteFiles(dataset, filenames: names)
        } catch {
            return await unanswered(error, "delete")
        }
        // Every one of them was acknowledged as present, so each must have been found.
        if !response.notFound.isEmpty {
            await ledger.fail("round \(round): delete answered not found for \(response.notFound), acknowledged as present")
        }
        await ledger.acknowledge(changes)
        return true
    }

    /// A transport error is the kill (the request stays in flight in the ledger);
    /// anything else is a failure of the server.
    private func unanswered(_ error: any Error, _ what: String) async -> Bool {
        if let error = error as? EyecrestError, error.status == nil { return false }
        await ledger.fail("round \(round): \(what) failed: \(error)")
        return false
    }
}
