/// Where a rule of the procedure comes from: a source document of `shared/seeds/`, its section and the words
/// the rule rests on. Refusals carry it, so an official can look the rule up.
public struct SeedCitation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var section: String
    public var quote: String

    public init(file: String, section: String, quote: String) {
        self.file = file
        self.section = section
        self.quote = quote
    }

    /// 《…》: `003_7054d1b8bccb6c81.txt 一、（三）整改措施 3. 规范消除风险：“…”`.
    public var description: String { "\(file) \(section)：“\(quote)”" }

    /// Seed 003, 一、（三）整改措施 3. 规范消除风险: the elimination rules.
    static func seed003Elimination(_ quote: String) -> SeedCitation {
        SeedCitation(file: "003_7054d1b8bccb6c81.txt", section: "一、（三）整改措施 3. 规范消除风险", quote: quote)
    }
}
