/// A closed vocabulary of the procedure whose values forms and spreadsheets write either as the English id or as
/// the Chinese term.
public protocol ChineseNamed: RawRepresentable<String>, CaseIterable {
    /// The term officials read, e.g. 因病.
    var chineseName: String { get }
}

extension ChineseNamed {
    /// The value for its id or its Chinese term.
    public init?(naming text: String) {
        guard let found = Self.allCases.first(where: { $0.rawValue == text || $0.chineseName == text }) else { return nil }
        self = found
    }
}
