import DixianCore
import DixianNotify
import DixianPlugins
import Foundation

extension ReminderFacts {
    /// A plugin's id and Chinese name (`health`, `基本医疗`).
    public struct PluginSummary: Sendable, Hashable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// A duty's id (within its plugin), title and description.
    public struct DutySummary: Sendable, Hashable {
        public var id: String
        public var title: String
        public var description: String

        public init(id: String, title: String, description: String) {
            self.id = id
            self.title = title
            self.description = description
        }
    }

    /// The document a duty is based on (依据): its file, that file's title, and optionally a section and quote.
    public struct Source: Sendable, Hashable {
        public var file: String
        public var title: String
        public var section: String?
        public var quote: String?

        public init(file: String, title: String, section: String? = nil, quote: String? = nil) {
            self.file = file
            self.title = title
            self.section = section
            self.quote = quote
        }
    }

    /// When the occurrence (一期任务) is due, in the county's zone.
    public struct Occurrence: Sendable, Hashable {
        /// The period label as stored, e.g. `2026年7月`.
        public var periodLabel: String
        /// The effective due date (after the rest-day rule).
        public var dueDate: CalendarDate
        /// The due time of day.
        public var dueTime: TimeOfDay
        /// The date the occurrence opens.
        public var opensDate: CalendarDate
        /// The due instant, for ordering.
        public var dueAt: Date

        public init(periodLabel: String, dueDate: CalendarDate, dueTime: TimeOfDay, opensDate: CalendarDate, dueAt: Date) {
            self.periodLabel = periodLabel
            self.dueDate = dueDate
            self.dueTime = dueTime
            self.opensDate = opensDate
            self.dueAt = dueAt
        }
    }

    /// The unit (单位): short name `七家镇`, full name `XX县七家镇`, 12-digit code, level name `乡镇`.
    public struct Unit: Sendable, Hashable {
        public var name: String
        public var fullName: String
        public var code: String
        public var levelName: String

        public init(name: String, fullName: String, code: String, levelName: String) {
            self.name = name
            self.fullName = fullName
            self.code = code
            self.levelName = levelName
        }
    }

    /// The person an email addresses and the role through which they receive it.
    public struct Recipient: Sendable, Hashable {
        public var name: String
        public var roleName: String

        public init(name: String, roleName: String) {
            self.name = name
            self.roleName = roleName
        }
    }

    /// The owner role's Chinese name, its post at the unit and its current holders (empty when unassigned).
    public struct Owner: Sendable, Hashable {
        public var roleName: String
        public var holderNames: [String]
        /// The post as a 公文 names it (`岚川县东关镇枣口村党组织书记`); the role name when unknown.
        public var title: String

        public init(roleName: String, holderNames: [String] = [], title: String? = nil) {
            self.roleName = roleName
            self.holderNames = holderNames
            self.title = title ?? roleName
        }
    }

    /// A numeric target (数量目标) with the target already formatted (`20`, `80`, `7800.50`).
    public struct Quantity: Sendable, Hashable {
        public var measure: String
        public var target: String
        public var unit: String
        public var comparison: Duty.Quantity.Comparison

        public init(measure: String, target: String, unit: String, comparison: Duty.Quantity.Comparison = .atLeast) {
            self.measure = measure
            self.target = target
            self.unit = unit
            self.comparison = comparison
        }

        /// `不少于` / `不超过`, and `达到` for a full rate: offices write 达到100%, never 不少于100%.
        public var compareText: String {
            comparison == .atLeast && unit == "%" && target == "100" ? "达到" : comparison.chineseText
        }
    }

    /// An escalation step (督办): 1-based, and whether it is the ladder's last.
    public struct Escalation: Sendable, Hashable {
        public var step: Int
        public var isLast: Bool
        /// The leader whose office receives this step to put it before them (提请), e.g. `县委书记`.
        public var onBehalfOf: String?

        public init(step: Int, isLast: Bool, onBehalfOf: String? = nil) {
            self.step = step
            self.isLast = isLast
            self.onBehalfOf = onBehalfOf
        }

        /// How offices number an escalation: `督办`, `二次督办`, `三次督办`.
        public var stepText: String {
            step <= 1 ? "督办" : "\(ChineseNumeral.text(step))次督办"
        }
    }

    /// The event an event duty counts from, e.g. `纳入监测` on a date.
    public struct Event: Sendable, Hashable {
        public var name: String
        public var date: CalendarDate

        public init(name: String, date: CalendarDate) {
            self.name = name
            self.date = date
        }
    }

    /// A monitored household (监测户), raw: the householder's name and resident ID number. Only the masked
    /// forms reach templates.
    public struct Household: Sendable, Hashable {
        public var name: String
        public var idNumber: String

        public init(name: String, idNumber: String) {
            self.name = name
            self.idNumber = idNumber
        }
    }

    /// The signed confirmation link (email only: it is a credential) and the web UI link.
    public struct Links: Sendable, Hashable {
        public var confirm: String?
        public var view: String?

        public init(confirm: String? = nil, view: String? = nil) {
            self.confirm = confirm
            self.view = view
        }
    }

    /// The sending office (发送单位) with optional contacts, from the daemon configuration.
    public struct Office: Sendable, Hashable {
        public var name: String
        public var phone: String?
        public var email: String?

        public init(name: String, phone: String? = nil, email: String? = nil) {
            self.name = name
            self.phone = phone
            self.email = email
        }
    }
}
