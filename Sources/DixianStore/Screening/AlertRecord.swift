import DixianConsole
import DixianCore
import DixianDirectory
import Foundation

/// A stored alert (预警) as lists and the API show it. `subjectKey` and `residentID` are raw: present them
/// masked (``maskedSubject``), never as they are.
public struct AlertRecord: Sendable, Hashable {
    public var id: Int64
    public var plugin: String
    public var ruleID: String
    public var subjectKey: String
    public var residentID: String?
    public var householdID: String?
    public var unitCode: DivisionCode
    public var severity: String
    /// `open`, `verified` or `dismissed`.
    public var status: String
    public var stillMatching: Bool
    public var raisedAt: Date
    public var lastMatchedAt: Date
    public var noLongerMatchingAt: Date?
    public var eventClockID: Int64?

    /// The case number its verification clock carries.
    public var caseNumber: String { PendingAlertClock.caseNumber(id) }

    /// The subject with every ID number masked; key parts joined by ` / `.
    public var maskedSubject: String {
        PersonalDataMask.maskingIDNumbers(in: subjectKey.replacingOccurrences(of: "\u{1F}", with: " / "))
    }
}

/// Which alerts to list.
public struct AlertFilter: Sendable, Hashable {
    /// A unit and everything under it (a town covers its villages).
    public var unit: DivisionCode?
    public var plugin: String?
    public var ruleID: String?
    public var status: String?
    public var limit: Int
    /// Only what a console session's person sees (nil: everything, the operator's bearer token).
    public var scope: AccessScope?

    public init(unit: DivisionCode? = nil, plugin: String? = nil, ruleID: String? = nil, status: String? = nil, limit: Int = 1000) {
        self.unit = unit
        self.plugin = plugin
        self.ruleID = ruleID
        self.status = status
        self.limit = limit
    }
}
