import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, for the tests that run `eyecrest`, etcd
/// and tar.
///
/// Foundation's `Process.run()` on Linux lists `/proc/self/fd` by copying each directory
/// entry's whole 256-byte name field, which can read past the end of glibc's buffer
/// (swift-corelibs-foundation pull request 5472): a test process that starts hundreds of
/// children crashed with SIGSEGV in a CI run. This does what the tests need and no more:
/// stdin from `/dev/null`, stdout and stderr to given files, every other descriptor
/// closed in the child, default signal handling and an empty signal mask (the tests stop
/// servers with SIGTERM).
final class ChildProcess: Sendable {
    let processIdentifier: pid_t
    /// The decoded wait status once the child has been reaped.
    private let exitStatus = Mutex<Int32?>(nil)

    /// Starts `executable` (a path) with `arguments`. `environment` nil inherits this
    /// process's; standard output and error default to `/dev/null`.
    init(
        executable: String, arguments: [String], environment: [String: String]? = nil, standardOutput: FileHandle? = nil,
        standardError: FileHandle? = nil
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (target, handle) in [(Int32(1), standardOutput), (Int32(2), standardError)] {
            if let handle {
                posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, target)
            } else {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
            }
        }
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let environment = environment ?? ProcessInfo.processInfo.environment
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        processIdentifier = pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's
    /// Glibc module does not declare: every descriptor from 3 up is closed in the child.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    var isRunning: Bool { reap(blocking: false) == nil }

    /// The exit code, or the number of the signal that ended it; -1 while it runs.
    var terminationStatus: Int32 { reap(blocking: false) ?? -1 }

    func waitUntilExit() { _ = reap(blocking: true) }

    private func reap(blocking: Bool) -> Int32? {
        exitStatus.withLock { status in
            if let status { return status }
            var raw: Int32 = 0
            guard waitpid(processIdentifier, &raw, blocking ? 0 : WNOHANG) == processIdentifier else { return nil }
            // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
            let signal = raw & 0x7F
            status = signal == 0 ? (raw >> 8) & 0xFF : signal
            return status
        }
    }
}
