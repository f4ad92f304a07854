import EyecrestMarkdown
import Foundation

/// Everything stored about one section that follows from its file alone: the narrow
/// `sections` row (without its ids and the token counts the index reports back) and the
/// four texts the section is indexed with (`section_texts`).
///
/// The upsert writes these values and the integrity check recomputes them from the
/// stored content, both through ``rows(of:content:filename:fileWeight:)``: a change to
/// how sections are stored then cannot make the check disagree with the writer.
struct SectionRow: Equatable {
    var slug: String
    var part: Int
    /// The heading as stored and as indexed in the `heading` column.
    var heading: String
    /// Ancestor headings and this one, joined by ``SectionFields/pathSeparator``.
    var headingPath: String
    var level: Int
    var startLine: Int
    var endLine: Int
    /// The section's markdown is `content[startByte..<endByte]`.
    var startByte: Int
    var endByte: Int
    var weight: Double
    /// The ranking factor of the section and file weights (``SectionFields/boost(sectionWeight:fileWeight:)``).
    var boost: Double
    /// The `context` field: file title and ancestor headings.
    var context: String
    /// The `body` field: the chunker's search text.
    var body: String
    /// The `path` field: the filename's words.
    var path: String

    /// The four indexed fields, in ``ShardSchema/indexedFields`` order; `frontmatter` is
    /// the search text of the file's frontmatter section, if it has one.
    func indexedFields(frontmatter: String?) -> [String] {
        SectionFields.indexed(heading: heading, context: context, body: body, path: path, level: level, slug: slug, frontmatter: frontmatter)
    }

    /// The search text of the frontmatter section among a file's rows, if any.
    static func frontmatter(of rows: [SectionRow]) -> String? {
        rows.first { SectionFields.isFrontmatter(level: $0.level, slug: $0.slug) }?.body
    }

    /// The rows of a chunked file, in file order (the order their ids are assigned in).
    /// A file that is not markdown has no document and no rows.
    static func rows(of document: ChunkedDocument?, content: Data, filename: String, fileWeight: Double) -> [SectionRow] {
        guard let document else { return [] }
        let lines = LineTable(utf8: content)
        let pathTerms = SectionFields.pathTerms(filename)
        return document.sections.map { section in
            let path = section.headingPath.map(SectionFields.clean)
            return SectionRow(
                slug: section.slug, part: section.part, heading: SectionFields.clean(section.heading),
                headingPath: path.joined(separator: SectionFields.pathSeparator), level: section.level,
                startLine: section.startLine, endLine: section.endLine, startByte: lines.startByte(ofLine: section.startLine),
                endByte: lines.startByte(ofLine: section.endLine + 1), weight: section.weight,
                boost: SectionFields.boost(sectionWeight: section.weight, fileWeight: fileWeight),
                context: SectionFields.context(title: document.title, headingPath: path), body: section.searchText,
                path: pathTerms)
        }
    }
}
