import Foundation
import GRDB
import Logging
import Synchronization

/// Turns whatever SQLite or the file system threw into an ``EngineError`` whose message
/// is safe to return: GRDB's errors carry SQL and arguments, Foundation's carry paths.
/// The original is logged. Running out of descriptors, memory or disk becomes
/// ``EngineError/unavailable(_:)`` (a 503 to HTTP callers) and is remembered for
/// ``Engine/health``; anything else becomes ``EngineError/storage(_:)``.
final class StorageFailure: Sendable {
    let logger: Logger
    private let lastExhaustion = Mutex<(at: ContinuousClock.Instant, message: String)?>(nil)

    init(logger: Logger) {
        self.logger = logger
    }

    /// The last time the engine ran out of a resource, and which, if ever.
    var exhaustion: (at: ContinuousClock.Instant, message: String)? { lastExhaustion.withLock { $0 } }

    static let exhaustedMessage =
        "The server is out of file descriptors or memory; try again shortly (more datasets are open than its limits allow)."
    static let diskFullMessage = "The server's disk is full; try again after space is freed."

    /// Runs `body`, translating storage failures. Engine errors and cancellation pass
    /// through unchanged.
    func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw translate(error)
        }
    }

    func translate(_ error: any Error) -> any Error {
        let translated = Self.translate(error, logger: logger)
        if case EngineError.unavailable(let message) = translated {
            lastExhaustion.withLock { $0 = (ContinuousClock.now, message) }
        }
        return translated
    }

    private static func translate(_ error: any Error, logger: Logger) -> any Error {
        switch error {
        case is EngineError, is ReplicationError, is CancellationError:
            return error
        case let error as DatabaseError:
            logger.error("storage failure", metadata: ["sqlite": "\(error.resultCode)", "error": "\(error)"])
            switch error.resultCode {
            case .SQLITE_FULL: return EngineError.unavailable(diskFullMessage)
            case .SQLITE_NOMEM, .SQLITE_CANTOPEN: return EngineError.unavailable(exhaustedMessage)
            default: return EngineError.storage("SQLite code \(error.extendedResultCode.rawValue): \(error.message ?? "no message")")
            }
        default:
            logger.error("storage failure", metadata: ["error": "\(error)"])
            let posix = posixCode(of: error)
            if let posix, [Int(EMFILE), Int(ENFILE), Int(ENOMEM)].contains(posix) {
                return EngineError.unavailable(exhaustedMessage)
            }
            if let posix, posix == Int(ENOSPC) { return EngineError.unavailable(diskFullMessage) }
            return EngineError.storage(String(describing: type(of: error)))
        }
    }

    /// The errno behind a Foundation error, looking through one underlying error.
    private static func posixCode(of error: any Error) -> Int? {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return error.code }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return underlying.code
        }
        return nil
    }
}
