import DixianConsole
import DixianDirectory
import DixianScheduling
import Foundation

/// Which occurrences to list.
public struct OccurrenceFilter: Sendable, Hashable {
    /// Only the subtree of this unit.
    public var unit: DivisionCode?
    /// Only this status (`overdue` = open and past due on the caller's clock).
    public var status: OccurrenceStatus?
    /// Only this duty (`<plugin>.<duty>`).
    public var dutyID: String?
    /// At most this many, earliest due first.
    public var limit: Int
    /// Only what a console session's person sees (nil: everything, the operator's bearer token).
    public var scope: AccessScope?

    public init(unit: DivisionCode? = nil, status: OccurrenceStatus? = nil, dutyID: String? = nil, limit: Int = 500) {
        self.unit = unit
        self.status = status
        self.dutyID = dutyID
        self.limit = limit
    }
}
