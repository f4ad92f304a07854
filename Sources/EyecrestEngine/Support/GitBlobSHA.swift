import Crypto
import Foundation

/// The git blob SHA-1 of a file's bytes (`sha1("blob <size>\0" + bytes)`), the same id
/// `git hash-object` prints, so clients can skip uploads by comparing with their repo.
public enum GitBlobSHA {
    public static func hash(_ content: Data) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: Data("blob \(content.count)\0".utf8))
        hasher.update(data: content)
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(40)
        for byte in hasher.finalize() {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
