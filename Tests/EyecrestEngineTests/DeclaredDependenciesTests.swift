import Foundation
import Testing

/// Every module a target imports is declared in that target's dependencies in
/// Package.swift. SwiftPM builds an undeclared import as long as another dependency
/// happens to pull the module in, and breaks when that dependency changes.
@Suite("Package manifest")
struct DeclaredDependenciesTests {
    /// Modules of the toolchain and the platform, never declared.
    static let systemModules: Set<String> = ["Foundation", "FoundationNetworking", "Glibc", "Darwin", "Musl", "Dispatch", "Synchronization", "Testing"]

    /// Each target's name and the string literals of its declaration (its own name,
    /// target dependencies, product and package names).
    static func declarations(in manifest: String) throws -> [(name: String, declared: Set<String>)] {
        let targetStart = try Regex(#"\.(?:target|testTarget|executableTarget)\("#)
        let literal = try Regex(#""([^"]*)""#)
        return manifest.split(separator: targetStart).dropFirst().compactMap { block in
            let literals = block.matches(of: literal).compactMap { $0.output[1].substring.map(String.init) }
            guard let name = literals.first else { return nil }
            return (name, Set(literals))
        }
    }

    /// The modules the Swift files under `folder` import.
    static func imports(under folder: URL) throws -> Set<String> {
        let importLine = try Regex(#"^\s*(?:@\w+\s+)*import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?(\w+)"#)
        var modules: Set<String> = []
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let file = walker?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                if let match = line.firstMatch(of: importLine), let module = match.output[1].substring { modules.insert(String(module)) }
            }
        }
        return modules
    }

    @Test("Every import of every target is a declared dependency")
    func everyImportIsDeclared() throws {
        let manifest = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let targets = try Self.declarations(in: manifest)
        #expect(targets.count >= 8, "\(targets.map(\.name))")
        var undeclared: [String] = []
        for target in targets {
            let folder = ["Sources", "Tests"].map { TestSupport.packageRoot.appendingPathComponent("\($0)/\(target.name)") }
                .first { FileManager.default.fileExists(atPath: $0.path) }
            let sources = try #require(folder, "no folder for target \(target.name)")
            for module in try Self.imports(under: sources).subtracting(Self.systemModules).subtracting(target.declared).sorted() {
                undeclared.append("\(target.name) imports \(module)")
            }
        }
        #expect(undeclared.isEmpty, "\(undeclared)")
    }
}
