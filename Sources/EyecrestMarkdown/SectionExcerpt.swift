/// A section's markdown cut to a character budget for readers that show text, not
/// highlights (the `search.txt` answer for LLM agents).
///
/// The excerpt is whole lines of the section, so it stays valid markdown: the section's
/// own heading line is dropped (the caller shows the heading path instead), a short
/// section is returned whole, and a long one is cut to the lines around `focus` (the
/// snippet the ranking chose, so the reason the section matched stays visible). A cut
/// is marked with a `…` line, and a cut through fenced code re-opens or closes the fence
/// so that code never spills into the prose after it.
public enum SectionExcerpt {
    /// - Parameters:
    ///   - markdown: the section's text, starting at its heading line (if it has one).
    ///   - focus: text inside `markdown` the excerpt must show, if it fits.
    ///   - budget: about how many characters the excerpt may hold; at least one line is
    ///     kept, cut at a space when it alone is longer.
    public static func excerpt(of markdown: String, focus: String? = nil, budget: Int) -> String {
        // LineTable, not split(separator: "\n"): Swift sees "\r\n" as one Character.
        var lines = LineTable.lines(of: markdown).map { Substring($0) }
        if let first = lines.first, isHeading(first) { lines.removeFirst() }
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        guard !lines.isEmpty else { return "" }
        let total = lines.reduce(0) { $0 + $1.count + 1 }
        if total <= budget + 1 { return lines.joined(separator: "\n") }

        var start = focusLine(in: lines, focus: focus, budget: budget)
        // Starting inside fenced code: start at its opener when that is close, so the
        // code block shows whole rather than as a re-opened tail.
        let openerBefore = openFence(in: lines[0..<start].map(String.init))
        if let opener = openerBefore, start - opener.index <= 3 { start = opener.index }
        var end = start
        var used = 0
        while end < lines.count, used + lines[end].count + 1 <= budget || end == start {
            used += lines[end].count + 1
            end += 1
        }
        var kept = Array(lines[start..<end]).map(String.init)
        if kept.count == 1, kept[0].count > budget { kept[0] = cutAtSpace(kept[0], budget: budget) }

        // Balance fences: an opener before the cut re-opens; one left open is closed.
        if let opener = openerBefore, opener.index < start { kept.insert(opener.line, at: 0) }
        if let opener = openFence(in: kept)?.line {
            let marker = opener.drop { $0 == " " }.first ?? "`"
            kept.append(String(repeating: marker, count: fenceWidth(opener)))
        }
        if start > 0 { kept.insert("…", at: 0) }
        if end < lines.count { kept.append("…") }
        return kept.joined(separator: "\n")
    }

    /// The line to start at: a few lines before the one holding `focus`, or the top when
    /// the focus is near it anyway.
    private static func focusLine(in lines: [Substring], focus: String?, budget: Int) -> Int {
        // The snippet may start mid-line and span lines: look for its first real line.
        guard let focus,
            let probe = LineTable.lines(of: focus).lazy.map({ Substring($0).trimmingSpaces }).first(where: { $0.count >= 4 }),
            let index = lines.firstIndex(where: { $0.contains(probe.prefix(40)) })
        else { return 0 }
        var start = index
        var before = 0
        // Up to a quarter of the budget of lead-in, so the focus is not the first thing cut.
        while start > 0, before + lines[start - 1].count + 1 <= budget / 4 {
            start -= 1
            before += lines[start].count + 1
        }
        return lines[0..<start].reduce(0) { $0 + $1.count + 1 } <= budget / 2 ? 0 : start
    }

    /// The opener of a fence left open at the end of `lines`, if any.
    private static func openFence(in lines: [String]) -> (index: Int, line: String)? {
        var opener: (index: Int, line: String)?
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            guard line.count - trimmed.count <= 3, let marker = trimmed.first, marker == "`" || marker == "~" else { continue }
            let width = trimmed.prefix { $0 == marker }.count
            guard width >= 3 else { continue }
            if let open = opener?.line {
                let openTrimmed = open.drop { $0 == " " }
                if openTrimmed.first == marker, width >= fenceWidth(open), trimmed.dropFirst(width).allSatisfy(\.isWhitespace) {
                    opener = nil
                }
            } else {
                opener = (index, line)
            }
        }
        return opener
    }

    private static func fenceWidth(_ opener: String) -> Int {
        let trimmed = opener.drop { $0 == " " }
        guard let marker = trimmed.first else { return 3 }
        return trimmed.prefix { $0 == marker }.count
    }

    private static func isHeading(_ line: Substring) -> Bool {
        let trimmed = line.drop { $0 == " " }
        guard line.count - trimmed.count <= 3 else { return false }
        let hashes = trimmed.prefix { $0 == "#" }.count
        return (1...6).contains(hashes) && (trimmed.count == hashes || trimmed.dropFirst(hashes).first == " ")
    }

    private static func cutAtSpace(_ line: String, budget: Int) -> String {
        let head = line.prefix(budget)
        guard let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) > budget / 2 else {
            return String(head) + "…"
        }
        return String(head[..<space]) + " …"
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
