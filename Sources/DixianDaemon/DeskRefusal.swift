/// A request a desk (ledger, report) refuses before anything is written: an unknown campaign, unit or official, a
/// file that is not a ledger.
public struct DeskRefusal: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Row-level problems of an import, each `工作表 “…” 第N行 “列”：原因`.
    public var issues: [String]

    public init(_ message: String, issues: [String] = []) {
        self.message = message
        self.issues = issues
    }

    public var description: String { message }
}
