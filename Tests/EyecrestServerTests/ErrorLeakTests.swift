import EyecrestEngine
import Foundation
import Testing

@testable import EyecrestServer

/// Error bodies never carry what an attacker could use: SQL, paths, stack traces. The
/// fuzzing run in `.ci/fuzz-api` checks the same over every response it gets.
@Suite("Error bodies leak nothing")
struct ErrorLeakTests {
    struct UnexpectedFailure: Error, CustomStringConvertible {
        var description: String { "SQLite error 11: database disk image is malformed - while executing `SELECT rowid FROM sections WHERE filename = ?` in /var/lib/eyecrest/acme/docs/shard-0.sqlite" }
    }

    @Test func unexpectedErrorsBecomeAnOpaque500() {
        let error = ErrorMiddleware.map(UnexpectedFailure())
        #expect(error.status == .internalServerError)
        #expect(error.code == "internal_error")
        for secret in ["SELECT", "sections", "/var/lib", "sqlite", "malformed"] {
            #expect(!error.message.contains(secret), "\(error.message)")
        }
    }

    @Test func storageErrorsKeepTheirDetailsForTheLog() {
        let error = APIError(EngineError.storage("UNIQUE constraint failed: files.filename in /tmp/eyecrest/shard-0.sqlite"))
        #expect(error.status == .internalServerError)
        #expect(error.code == "storage_error")
        #expect(!error.message.contains("/tmp") && !error.message.contains("constraint"), "\(error.message)")
    }

    @Test func callerInputIsClippedAndStrippedOfControlCharacters() {
        let hostile = String(repeating: "x", count: 5_000) + "\u{1B}[31m"
        let message = APIError(EngineError.fileNotFound(hostile)).message
        #expect(message.count < 200)
        #expect(!message.contains("\u{1B}"))
    }
}
