import EyecrestEngine
import Foundation
import Testing

@Suite("Git blob SHA")
struct GitBlobSHATests {
    @Test("Matches git hash-object")
    func knownValues() {
        #expect(GitBlobSHA.hash(Data()) == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        #expect(GitBlobSHA.hash(Data("hello world\n".utf8)) == "3b18e512dba79e4c8300dd08aeb37f8e728b8dad")
    }
}
