/// A document a plugin is based on (依据文件), a file of the project's `seeds/` corpus.
public struct SourceDocument: Sendable, Hashable, Encodable {
    /// File name, e.g. `003_7054d1b8bccb6c81.txt`.
    public var file: String
    /// Document title (文件标题).
    public var title: String
    /// Issuing body and document number (发文单位、文号).
    public var issuer: String?
    /// Date of issue as written: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var date: String?
    /// Remark (备注).
    public var note: String?

    /// Creates a source document.
    public init(file: String, title: String, issuer: String? = nil, date: String? = nil, note: String? = nil) {
        self.file = file
        self.title = title
        self.issuer = issuer
        self.date = date
        self.note = note
    }
}

/// Where a duty, parameter, dataset or rule comes from (依据): a file listed in the plugin's `sources`,
/// optionally a section and a verbatim quote.
public struct SourceReference: Sendable, Hashable, Encodable {
    /// A file of the plugin's ``Plugin/sources``.
    public var file: String
    /// Position in the document, e.g. `一、（七）4`.
    public var section: String?
    /// A short verbatim excerpt; `……` marks an elision.
    public var quote: String?

    /// Creates a reference.
    public init(file: String, section: String? = nil, quote: String? = nil) {
        self.file = file
        self.section = section
        self.quote = quote
    }
}
