/// One lexical token of a rule expression, with its offset in Unicode scalars.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier(String)
        case integer(Int64)
        /// Kept as written, so that `0.1` stays exact.
        case double(String)
        case string(String)
        case symbol(String)
        case end
    }

    var kind: Kind
    var offset: Int
}
