/// A short random name for one failure (错误编号), 8 hex digits: the log line carries the details, the
/// answer carries only this, so a caller can quote it to an operator without seeing database text.
public struct ErrorID: Sendable, Hashable, CustomStringConvertible {
    public let description: String

    public init() {
        let value = UInt32.random(in: .min ... .max)
        let hex = String(value, radix: 16)
        self.description = String(repeating: "0", count: 8 - hex.count) + hex
    }
}
