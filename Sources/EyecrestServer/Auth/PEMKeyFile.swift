import Foundation

/// A key file as `eyecrest serve --auth-public-key` and `eyecrest token --private-key`
/// read it: one PEM block, optionally preceded by a `kid: NAME` line.
///
/// The kid rule: a line `kid: NAME` (case-insensitive `kid`) before the `-----BEGIN`
/// line names the key; otherwise its kid is the file's name without its last extension
/// (`keys/prod-2026.pem` → `prod-2026`). `eyecrest keys generate` writes the line into
/// both files. A kid is 1–128 characters of `A-Z a-z 0-9 . _ -`.
public struct PEMKeyFile: Sendable, Equatable {
    /// The kid the file declares with a `kid:` line, if any.
    public var declaredKID: String?
    /// The PEM block alone, from `-----BEGIN` to the end of the `-----END` line.
    public var pem: String

    /// Parses the text of a key file.
    public init(text: String) throws(KeyFileError) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let begin = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") }),
            let end = lines[begin...].firstIndex(where: { $0.hasPrefix("-----END ") })
        else { throw KeyFileError("it holds no PEM block") }
        for line in lines[..<begin] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix("kid:") else { continue }
            let kid = trimmed.dropFirst(4).trimmingCharacters(in: .whitespaces)
            guard Self.isValidKID(kid) else { throw KeyFileError("its kid '\(kid)' is not 1-128 of A-Z a-z 0-9 . _ -") }
            declaredKID = kid
        }
        pem = lines[begin...end].joined(separator: "\n") + "\n"
    }

    /// The kid of a key read from `url`: the declared one, else the file name's stem.
    public func kid(fileURL url: URL) -> String {
        declaredKID ?? url.deletingPathExtension().lastPathComponent
    }

    /// Whether `kid` follows the kid rule's alphabet and length.
    public static func isValidKID(_ kid: String) -> Bool {
        (1...128).contains(kid.utf8.count)
            && kid.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2E || byte == 0x5F
                    || byte == 0x2D
            }
    }

    /// A key file's text: the kid line, then the PEM block.
    public static func render(kid: String?, pem: String) -> String {
        (kid.map { "kid: \($0)\n" } ?? "") + (pem.hasSuffix("\n") ? pem : pem + "\n")
    }
}

/// A key file that cannot be used; the message names the problem, never key bytes.
public struct KeyFileError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
