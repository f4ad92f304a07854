/// Turns a heading's raw inline content into displayed text and an optional explicit id.
///
/// `## Install **now** {#setup}` → text "Install now", id "setup". Explicit ids are the
/// Pandoc/Docusaurus `{#id}` and the MDX-safe `{/*id*/}` at the end of the heading; they
/// win over the generated slug. Display text has inline markdown removed (code spans keep
/// their content, links keep their text, emphasis markers and HTML tags vanish).
enum HeadingText {
    static func parse(_ content: [UInt8]) -> (text: String, explicitID: String?) {
        content.withBytes { buf in
            var (s, e) = Bytes.trim(buf, 0, buf.count)
            var explicitID: String?
            if let (idStart, idEnd, openAt) = explicitIDRange(buf, s, e) {
                explicitID = String(decoding: UnsafeBufferPointer(rebasing: buf[idStart..<idEnd]), as: UTF8.self)
                (s, e) = Bytes.trim(buf, s, openAt)
            }
            var out: [UInt8] = []
            out.reserveCapacity(e - s)
            InlineMarkdown(stripEmphasis: true, tagReplacement: .nothing).transform(buf, s, e, into: &out)
            let text = out.withBytes { o -> String in
                let (ts, te) = Bytes.trim(o, 0, o.count)
                return String(decoding: UnsafeBufferPointer(rebasing: o[ts..<te]), as: UTF8.self)
            }
            return (text, explicitID)
        }
    }

    /// `{#id}` or `{/*id*/}` ending `buf[s..<e]`: (id start, id end, index of `{`).
    private static func explicitIDRange(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int, Int)? {
        guard e - s >= 4, buf[e - 1] == 125 else { return nil }   // }
        var open = e - 2
        while open >= s && buf[open] != 123 { open -= 1 }         // {
        guard open >= s else { return nil }
        var idStart = open + 1, idEnd = e - 1
        if buf[idStart] == 35 {                                    // {#id}
            idStart += 1
        } else if Bytes.hasPrefix(buf, idStart, idEnd, "/*"), idEnd - idStart >= 4,
                  buf[idEnd - 2] == 42, buf[idEnd - 1] == 47 {      // {/*id*/}
            idStart += 2; idEnd -= 2
            (idStart, idEnd) = Bytes.trim(buf, idStart, idEnd)
        } else {
            return nil
        }
        guard idStart < idEnd else { return nil }
        for k in idStart..<idEnd where Bytes.isWhitespace(buf[k]) { return nil }
        return (idStart, idEnd, open)
    }
}
