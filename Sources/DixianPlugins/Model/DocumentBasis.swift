/// The county's own document a duty rests on (依据), as its messages cite it: a title and a 文号.
///
/// A plugin cites the seed it was written from (``SourceReference``): provenance for the engineer, often
/// another county's or province's paper. Officials are told their own county's document, which each county
/// sets in its override (`basis:` for the plugin, or per duty).
public struct DocumentBasis: Sendable, Hashable, Encodable {
    /// The document's title, e.g. `岚川县巩固拓展脱贫攻坚成果同乡村振兴有效衔接实施方案`.
    public var title: String
    /// The document number (文号), e.g. `岚巩衔组发〔2026〕3号`, if it has one.
    public var number: String?

    public init(title: String, number: String? = nil) {
        self.title = title
        self.number = number
    }

    /// `《title》（number）`, as a 公文 cites a document.
    public var citation: String {
        "《\(title)》" + (number.map { "（\($0)）" } ?? "")
    }
}
