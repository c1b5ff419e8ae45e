import DixianScheduling
import Foundation

/// One line of the audit log (操作记录): who changed which occurrence, when, how and why.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var at: Date
    public var actor: String
    /// `cli`, `http`, `link` or `scheduler`.
    public var channel: String
    /// `done`, `waived`, `withdrawn` …
    public var action: String
    public var occurrenceID: Int64?
    public var details: [String: String]

    enum CodingKeys: String, CodingKey {
        case at, actor, channel, action
        case occurrenceID = "occurrence_id"
        case details
    }
}
