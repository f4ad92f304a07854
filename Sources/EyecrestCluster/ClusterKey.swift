import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The shared secret that nodes of one cluster present to each other. Tenants never hold
/// it: it authorizes node-to-node routes only.
///
/// A key is text (hex or base64url from ``generate()``, or any other printable string)
/// worth at least 256 bits: 64 hex digits, 43 base64 characters, or 43 characters of
/// anything else. Its ``description`` never shows it.
public struct ClusterKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The key itself, to send to other nodes. Never log it.
    public let secret: String
    /// SHA-256 of the key: ``matches(_:)`` compares digests, so the time it takes says
    /// nothing about the key's length or how much of a guess was right.
    private let digest: [UInt8]

    /// The fewest bits a key must carry.
    public static let minimumBits = 256

    /// - Throws: ``ClusterKeyError/tooShort(bits:)`` or ``ClusterKeyError/repetitive``.
    public init(_ text: String) throws(ClusterKeyError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let bits = Self.estimatedBits(of: trimmed)
        guard bits >= Self.minimumBits else { throw .tooShort(bits: bits) }
        // A long run of a few characters passes the length rule but is no secret.
        guard Set(trimmed.unicodeScalars).count >= 8 else { throw .repetitive }
        secret = trimmed
        digest = Array(SHA256.hash(data: Data(trimmed.utf8)))
    }

    /// Reads a key file (surrounding whitespace and newlines are ignored).
    public static func load(from file: URL) throws(ClusterKeyError) -> ClusterKey {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw .unreadable(path: file.path, reason: "\(error.localizedDescription)")
        }
        return try ClusterKey(text)
    }

    /// A new key: 32 random bytes from the system's secure generator, as 64 hex digits.
    public static func generate() -> ClusterKey {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        do { return try ClusterKey(hex) } catch {
            // 64 hex digits always carry 256 bits; fewer than 8 distinct digits in 64 random
            // ones (a chance below 10^-30) is simply drawn again.
            return generate()
        }
    }

    /// True when `presented` is this key, compared in time independent of where the two
    /// differ.
    public func matches(_ presented: String) -> Bool {
        let other = Array(SHA256.hash(data: Data(presented.utf8)))
        var difference: UInt8 = 0
        for index in digest.indices { difference |= digest[index] ^ other[index] }
        return difference == 0
    }

    public var description: String { "ClusterKey(redacted)" }
    public var debugDescription: String { description }

    /// The bits the text can carry, by the smallest alphabet it fits: 4 per hex digit,
    /// 6 per character otherwise (base64, base64url, or anything else: a conservative
    /// guess for printable text).
    static func estimatedBits(of text: String) -> Int {
        let isHex = !text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit }
        return text.unicodeScalars.count * (isHex ? 4 : 6)
    }

    /// Writes `self` to `file` with mode 0600, readable by the owner only from the
    /// start. An existing file is kept unless `replace` (then it is swapped atomically).
    public func write(to file: URL, replace: Bool) throws(ClusterKeyError) {
        let path = file.path
        if !replace, FileManager.default.fileExists(atPath: path) { throw .fileExists(path: path) }
        let target = replace ? file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString)") : file
        let descriptor = open(target.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .fileExists(path: path) }
            throw .unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data((secret + "\n").utf8))
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(target.path)
            throw .unwritable(path: path, reason: "\(error.localizedDescription)")
        }
        if replace, rename(target.path, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(target.path)
            throw .unwritable(path: path, reason: reason)
        }
    }
}

/// Why a cluster key was refused or could not be read or written.
public enum ClusterKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooShort(bits: Int)
    case repetitive
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case fileExists(path: String)

    public var description: String {
        switch self {
        case .tooShort(let bits):
            "the cluster key is too short: about \(bits) bits, at least \(ClusterKey.minimumBits) needed (64 hex digits; 'eyecrest cluster key generate' writes one)"
        case .repetitive: "the cluster key repeats a few characters; use a random one ('eyecrest cluster key generate')"
        case .unreadable(let path, let reason): "cannot read the cluster key file '\(path)': \(reason)"
        case .unwritable(let path, let reason): "cannot write the cluster key file '\(path)': \(reason)"
        case .fileExists(let path): "'\(path)' already exists; pass --force to replace it"
        }
    }
}
