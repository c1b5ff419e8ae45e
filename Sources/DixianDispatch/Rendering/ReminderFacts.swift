import DixianCore
import DixianNotify
import DixianPlugins
import Foundation

/// Everything a message about one occurrence may say (提醒要素), as plain values: what the catalogue of
/// plugins/README.md §9 offers to templates, before formatting.
///
/// The dispatcher builds it from the loaded plugin and the database rows of the occurrence, the unit, the
/// recipient and the owner's holders; ``TemplateContext`` formats it. Household data arrive raw and are
/// masked there: the raw values never reach a template.
public struct ReminderFacts: Sendable, Hashable {
    /// Why the message is sent.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A reminder before or after the due date (提醒).
        case reminder
        /// A step of the escalation ladder (升级督办).
        case escalation
        /// A one-off notice (通知), e.g. an event duty that was just created.
        case notice
    }

    /// Reminder, escalation or notice.
    public var kind: Kind
    /// The plugin the duty belongs to.
    public var plugin: PluginSummary
    /// The duty (工作任务).
    public var duty: DutySummary
    /// The document the duty is based on (依据).
    public var source: Source
    /// The occurrence (一期任务).
    public var occurrence: Occurrence
    /// The unit the occurrence belongs to (责任单位).
    public var unit: Unit
    /// The person addressed, for email; nil for chat and group messages.
    public var recipient: Recipient?
    /// The responsible role and its current holders (责任人).
    public var owner: Owner
    /// The numeric target, if the duty has one (数量目标).
    public var quantity: Quantity?
    /// Evidence expected (佐证材料), in the duty's order; empty when none.
    public var evidence: [String]
    /// The escalation step, in escalation messages only.
    public var escalation: Escalation?
    /// The event an event duty is relative to (e.g. 纳入监测), else nil.
    public var event: Event?
    /// The monitoring case number (监测案件编号) of an event duty, else nil; contains no personal data.
    public var caseNumber: String?
    /// The household of a household event (监测户), raw; masked before rendering.
    public var household: Household?
    /// The links the message may carry.
    public var links: Links
    /// The sending office (发送单位), from the daemon configuration.
    public var office: Office
    /// The plugin's parameters by name, effective values already formatted (``Parameter/formattedValue``).
    public var parameters: [String: String]
    /// The rendering date in the county's zone (今天): the basis of days left and days overdue.
    public var today: CalendarDate
    /// The county's own document for the duty (依据), when its override sets one.
    public var basis: DocumentBasis? = nil

    /// Creates the facts of one message.
    public init(
        kind: Kind, plugin: PluginSummary, duty: DutySummary, source: Source, occurrence: Occurrence, unit: Unit,
        recipient: Recipient? = nil, owner: Owner, quantity: Quantity? = nil, evidence: [String] = [],
        escalation: Escalation? = nil, event: Event? = nil, caseNumber: String? = nil,
        household: Household? = nil, links: Links = Links(), office: Office, parameters: [String: String] = [:],
        today: CalendarDate
    ) {
        self.kind = kind
        self.plugin = plugin
        self.duty = duty
        self.source = source
        self.occurrence = occurrence
        self.unit = unit
        self.recipient = recipient
        self.owner = owner
        self.quantity = quantity
        self.evidence = evidence
        self.escalation = escalation
        self.event = event
        self.caseNumber = caseNumber
        self.household = household
        self.links = links
        self.office = office
        self.parameters = parameters
        self.today = today
    }

    /// Whole days from ``today`` to the due date: positive before it, 0 on it, negative after it.
    public var daysUntilDue: Int {
        today.days(until: occurrence.dueDate)
    }

    /// Whether ``today`` is after the due date (已逾期). On the due date itself a message is not overdue
    /// even after the due time, so that it never says `已逾期0天`.
    public var isOverdue: Bool {
        daysUntilDue < 0
    }
}

extension ReminderFacts {
    /// How the due date stands today, as digests show it: `3天后截止`, `今日截止`, `已逾期2天`.
    public var dueStatusText: String {
        let days = daysUntilDue
        if days > 0 { return "\(days)天后截止" }
        if days == 0 { return "今日截止" }
        return "已逾期\(-days)天"
    }
}
