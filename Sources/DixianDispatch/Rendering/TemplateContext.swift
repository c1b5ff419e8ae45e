import DixianCore
import DixianNotify

/// The Mustache context tree (模板上下文) of one message: the names of plugins/README.md §9, formatted.
///
/// Absent optional values are missing keys, which swift-mustache treats as null: `{{x}}` renders empty,
/// `{{#x}}` is skipped and `{{^x}}` rendered. Household data enter masked only. The tree holds strings,
/// booleans, string lists and nested dictionaries, nothing else.
public struct TemplateContext {
    /// Where a part is sent, which decides the names it may see.
    public enum Audience: Sendable, Hashable {
        /// One person's mailbox: the whole catalogue.
        case email
        /// A chat group: no `recipient`, no `links.confirm`, no `household` (the loader rejects templates that
        /// use them; leaving them out also keeps a mistake there from leaking anything).
        case chat
    }

    /// The root object handed to swift-mustache.
    public let root: [String: Any]

    /// The context of `facts` for `audience`.
    public init(_ facts: ReminderFacts, audience: Audience = .email) {
        self.root = Self.root(Self.sharedRoot(facts), facts, audience: audience)
    }

    /// The contexts of `facts` for a mailbox and for a chat group, sharing the work of the names both see.
    public static func both(_ facts: ReminderFacts) -> (email: TemplateContext, chat: TemplateContext) {
        let shared = sharedRoot(facts)
        return (TemplateContext(root: root(shared, facts, audience: .email)), TemplateContext(root: root(shared, facts, audience: .chat)))
    }

    private init(root: [String: Any]) {
        self.root = root
    }

    /// `shared` with the names only `audience` may see.
    private static func root(_ shared: [String: Any], _ facts: ReminderFacts, audience: Audience) -> [String: Any] {
        var root = shared
        if audience == .email {
            if let recipient = facts.recipient {
                root["recipient"] = ["name": recipient.name, "role_name": recipient.roleName]
            }
            if let household = facts.household {
                root["household"] = [
                    "masked_name": PersonalDataMask.maskName(household.name),
                    "masked_id": PersonalDataMask.maskIDNumber(household.idNumber),
                ]
            }
            root["links"] = compact(["confirm": facts.links.confirm, "view": facts.links.view])
        } else {
            root["links"] = compact(["view": facts.links.view])
        }
        return root
    }

    /// The names every audience sees.
    private static func sharedRoot(_ facts: ReminderFacts) -> [String: Any] {
        var root: [String: Any] = [
            "plugin": ["id": facts.plugin.id, "name": facts.plugin.name],
            "duty": ["id": facts.duty.id, "title": facts.duty.title, "description": facts.duty.description],
            "source": compact([
                "file": facts.source.file, "title": facts.source.title, "section": facts.source.section,
                "quote": facts.source.quote,
            ]),
            "occurrence": occurrence(facts),
            "unit": [
                "name": facts.unit.name, "full_name": facts.unit.fullName, "code": facts.unit.code,
                "level_name": facts.unit.levelName,
            ],
            "owner": compact([
                "role_name": facts.owner.roleName, "title": facts.owner.title,
                "names": facts.owner.holderNames.isEmpty ? nil : facts.owner.holderNames.joined(separator: "、"),
            ]),
            "office": compact(["name": facts.office.name, "phone": facts.office.phone, "email": facts.office.email]),
            "now": ["date": facts.today.chineseDescription],
            "param": facts.parameters,
        ]
        if let quantity = facts.quantity {
            root["quantity"] = [
                "measure": quantity.measure, "target": quantity.target, "unit": quantity.unit,
                "compare_text": quantity.compareText,
            ]
        }
        if !facts.evidence.isEmpty {
            root["evidence"] = ["text": facts.evidence.joined(separator: "、"), "items": facts.evidence] as [String: Any]
        }
        if let escalation = facts.escalation {
            var fields: [String: Any] = [
                "step": String(escalation.step), "step_text": escalation.stepText, "is_last": escalation.isLast,
            ]
            fields["on_behalf_of"] = escalation.onBehalfOf
            root["escalation"] = fields
        }
        if let basis = facts.basis {
            root["basis"] = compact([
                "title": basis.title, "number": basis.number,
                "citation": basis.citation,
            ])
        }
        if let event = facts.event {
            root["event"] = ["name": event.name, "date": event.date.chineseDescription]
        }
        if let number = facts.caseNumber {
            root["case"] = ["number": number]
        }
        return root
    }

    /// The value at a dotted name (`occurrence.days_left`), nil when null; for tests and diagnostics.
    public func value(at name: String) -> Any? {
        var current: Any? = root
        for segment in name.split(separator: ".") {
            current = (current as? [String: Any])?[String(segment)]
        }
        return current
    }

    private static func occurrence(_ facts: ReminderFacts) -> [String: Any] {
        let occurrence = facts.occurrence
        let daysUntilDue = facts.daysUntilDue
        return [
            "period_label": occurrence.periodLabel,
            "due_date": occurrence.dueDate.chineseDescription,
            "due_time": occurrence.dueTime.description,
            "due_weekday": occurrence.dueDate.weekday.chineseName,
            "deadline": "\(occurrence.dueDate.chineseDescription)（\(occurrence.dueDate.weekday.chineseName)）\(occurrence.dueTime.description)",
            "opens_date": occurrence.opensDate.chineseDescription,
            "days_left": String(max(0, daysUntilDue)),
            "days_overdue": String(max(0, -daysUntilDue)),
            "is_overdue": facts.isOverdue,
            "is_due_today": daysUntilDue == 0,
        ]
    }

    /// `values` without the nil ones: a missing key is Mustache's null.
    private static func compact(_ values: [String: String?]) -> [String: String] {
        values.compactMapValues { $0 }
    }
}
