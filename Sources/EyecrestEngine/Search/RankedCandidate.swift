/// One ranked row of one shard, before snippets.
struct RankedCandidate: Sendable {
    var sectionID: Int64
    var fileID: Int64
    var shard: Int
    var filename: String
    var startLine: Int
    var part: Int
    var score: Double
    var mask: UInt64

    /// The one total order every shard and the merge agree on: score, then position, so
    /// equal scores never shuffle between runs.
    static func precedes(_ a: RankedCandidate, _ b: RankedCandidate) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.filename != b.filename { return a.filename < b.filename }
        if a.startLine != b.startLine { return a.startLine < b.startLine }
        return a.part < b.part
    }
}
