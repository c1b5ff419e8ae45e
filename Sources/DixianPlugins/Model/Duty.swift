import DixianCore
import Foundation

/// A recurring duty (工作任务): who, when, to what standard, and how it is reminded and escalated.
///
/// Every field is the **effective** value: bureau override, then the duty, then the plugin's `defaults`,
/// then the built-in default (plugins/README.md §6), with parameters substituted.
public struct Duty: Sendable, Hashable, Identifiable {
    /// Whether one occurrence serves the unit or each holder.
    public enum OwnerScope: String, Sendable, Hashable, CaseIterable {
        /// One occurrence per unit; any holder's confirmation completes it (default).
        case unit
        /// One occurrence per (unit, holder); each holder confirms their own.
        case official
    }

    /// The responsible role (责任人).
    public struct Owner: Sendable, Hashable, Encodable {
        /// A role id of the catalogue.
        public var role: String
        /// Per unit or per official.
        public var per: OwnerScope
    }

    /// What happens to a nominal due date on a rest day (截止日遇休息日).
    public enum RestDayRule: String, Sendable, Hashable, CaseIterable {
        /// Move to the previous workday (default: keeps a period's duty inside its period).
        case previousWorkday = "previous_workday"
        /// Move to the next workday (顺延).
        case nextWorkday = "next_workday"
        /// Keep the date (system deadlines).
        case keep
    }

    /// What happens to a reminder or escalation instant on a rest day.
    public enum NotificationRule: String, Sendable, Hashable, CaseIterable {
        /// Move before-due instants earlier, after-due ones later (default).
        case shift
        /// Send at the computed instant.
        case send
    }

    /// Only occurrences whose nominal due date (event duties: event date) lies in `[from, until]`.
    public struct Window: Sendable, Hashable, Encodable {
        public var from: CalendarDate?
        public var until: CalendarDate?
    }

    /// A numeric target reported on confirmation (数量目标).
    public struct Quantity: Sendable, Hashable, Encodable {
        /// How the achieved value is compared with the target.
        public enum Comparison: String, Sendable, Hashable, CaseIterable {
            /// ≥ (不少于), default.
            case atLeast = "at_least"
            /// ≤ (不超过).
            case atMost = "at_most"

            /// `不少于` or `不超过`.
            public var chineseText: String {
                self == .atLeast ? "不少于" : "不超过"
            }
        }

        /// What is counted, e.g. 本月走访户数.
        public var measure: String
        /// The target, with parameters substituted.
        public var target: Decimal
        /// The parameter the target comes from, if any.
        public var targetParameter: String?
        /// Display unit, `%` exactly when the target is a percent parameter.
        public var unit: String
        /// ≥ or ≤.
        public var comparison: Comparison
    }

    /// The message templates a duty uses, ids of its plugin's templates.
    public struct TemplateChoice: Sendable, Hashable, Encodable {
        public var reminder: String
        public var escalation: String?
    }

    /// Id, unique in the plugin.
    public var id: String
    /// The declaring plugin's id.
    public var pluginID: String
    /// Chinese title.
    public var title: String
    /// What must be done.
    public var description: String
    /// The seed it comes from.
    public var source: SourceReference
    /// Whether the duty produces occurrences (also false when its plugin is disabled).
    public var isEnabled: Bool
    /// Responsible role.
    public var owner: Owner
    /// The units its occurrences are at: all, rural villages only, or 脱贫村 only.
    public var units: UnitScope
    /// When it falls due.
    public var recurrence: Recurrence
    /// Validity window, if any.
    public var window: Window?
    /// Local time of the deadline.
    public var dueTime: TimeOfDay
    /// Rest-day rule for the due date.
    public var dueOnRestDay: RestDayRule
    /// Rest-day rule for reminder and escalation instants.
    public var notifyOnRestDay: NotificationRule
    /// Whether one more reminder goes out at the opening instant (`notify_on_open`): for an event duty the
    /// event itself, e.g. an alert arriving at the village (plugins/README.md §8).
    public var notifyOnOpen: Bool = false
    /// When an occurrence opens.
    public var opens: OccurrenceOpening
    /// Numeric target, if any.
    public var quantity: Quantity?
    /// Evidence expected (佐证材料).
    public var evidence: [String]
    /// Reminder offsets (提醒).
    public var reminders: [ScheduleOffset]
    /// Escalation ladder (督办阶梯).
    public var escalation: [EscalationStep]
    /// Channel names.
    public var channels: [String]
    /// Channels for a recipient that none of ``channels`` can reach (key `fallback_channels`), in order.
    public var fallbackChannels: [String]
    /// Template ids.
    public var templates: TemplateChoice
    /// Extra reminder recipients from the bureau override (`also_notify`).
    public var alsoNotify: [String]
    /// Parameters the duty's fields were taken from: field path (`recurrence.monthly.day`) → parameter name.
    public var parameterReferences: [String: String]
    /// Where the duty is declared.
    public var location: Diagnostic.Location
    /// What of the duty's timing the county sets itself (本地设定): the seeds ask for it without a date or
    /// frequency, and the plugin's value is a suggestion. Nil when the seeds fix the timing.
    public var localSetting: String? = nil
    /// The county's document cited in messages (依据), from its override; nil when the county set none.
    public var basis: DocumentBasis? = nil

    /// `<plugin id>.<duty id>`, as the CLI, overrides and links name it.
    public var qualifiedID: String {
        "\(pluginID).\(id)"
    }
}

/// One step of an escalation ladder (督办): at `after`, if still not done, notify `roles`.
public struct EscalationStep: Sendable, Hashable, Encodable {
    /// When, relative to the effective due date.
    public var after: ScheduleOffset
    /// Role ids to notify.
    public var roles: [String]

    /// Creates a step.
    public init(after: ScheduleOffset, roles: [String]) {
        self.after = after
        self.roles = roles
    }
}

extension Duty.Quantity {
    private enum CodingKeys: String, CodingKey {
        case measure, target
        case targetParameter = "target_parameter"
        case unit
        case comparison = "compare"
    }
}

extension Duty: Encodable {
    private enum CodingKeys: String, CodingKey {
        case id
        case qualifiedID = "qualified_id"
        case title, description, source
        case isEnabled = "enabled"
        case owner, units
        case recurrence, window
        case dueTime = "due_time"
        case dueOnRestDay = "due_on_rest_day"
        case notifyOnRestDay = "notify_on_rest_day"
        case notifyOnOpen = "notify_on_open"
        case opens, quantity, evidence, reminders, escalation, channels
        case fallbackChannels = "fallback_channels"
        case templates
        case alsoNotify = "also_notify"
        case parameterReferences = "parameters"
        case localSetting = "local_setting"
        case basis
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(qualifiedID, forKey: .qualifiedID)
        try container.encode(title, forKey: .title)
        try container.encode(description, forKey: .description)
        try container.encode(source, forKey: .source)
        try container.encode(isEnabled, forKey: .isEnabled)
        try container.encode(owner, forKey: .owner)
        try container.encode(units, forKey: .units)
        try container.encode(recurrence, forKey: .recurrence)
        try container.encodeIfPresent(window, forKey: .window)
        try container.encode(dueTime, forKey: .dueTime)
        try container.encode(dueOnRestDay, forKey: .dueOnRestDay)
        try container.encode(notifyOnRestDay, forKey: .notifyOnRestDay)
        try container.encode(notifyOnOpen, forKey: .notifyOnOpen)
        try container.encode(opens, forKey: .opens)
        try container.encodeIfPresent(quantity, forKey: .quantity)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(reminders, forKey: .reminders)
        try container.encode(escalation, forKey: .escalation)
        try container.encode(channels, forKey: .channels)
        try container.encode(fallbackChannels, forKey: .fallbackChannels)
        try container.encode(templates, forKey: .templates)
        try container.encode(alsoNotify, forKey: .alsoNotify)
        try container.encode(parameterReferences, forKey: .parameterReferences)
        try container.encodeIfPresent(localSetting, forKey: .localSetting)
        try container.encodeIfPresent(basis, forKey: .basis)
    }
}

extension Duty.OwnerScope: Encodable {}
extension Duty.RestDayRule: Encodable {}
extension Duty.NotificationRule: Encodable {}
extension Duty.Quantity.Comparison: Encodable {}
