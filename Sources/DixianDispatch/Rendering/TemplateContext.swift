import DixianCore
import DixianMustache
import DixianNotify

/// The Mustache context tree (模板上下文) of one message: the names of plugins/README.md §9, formatted.
///
/// Absent optional values are missing keys, which Mustache treats as null: `{{x}}` renders empty,
/// `{{#x}}` is skipped and `{{^x}}` rendered. Household data enter masked only. The tree holds strings,
/// booleans, string lists and nested objects, nothing else: a ``MustacheValue``, rendered by
/// ``DixianMustache/TypedTemplate`` without dynamic casts.
public struct TemplateContext {
    /// Where a part is sent, which decides the names it may see.
    public enum Audience: Sendable, Hashable {
        /// One person's mailbox: the whole catalogue.
        case email
        /// A chat group: no `recipient`, no `links.confirm`, no `household` (the loader rejects templates that
        /// use them; leaving them out also keeps a mistake there from leaking anything).
        case chat
    }

    /// The root object.
    public let tree: MustacheValue

    /// The root object as swift-mustache takes it, for a template only swift-mustache renders.
    public var root: [String: Any] { (tree.anyValue as? [String: Any]) ?? [:] }

    /// The context of `facts` for `audience`.
    public init(_ facts: ReminderFacts, audience: Audience = .email) {
        self.tree = .object(Self.root(Self.sharedRoot(facts), facts, audience: audience))
    }

    /// The contexts of `facts` for a mailbox and for a chat group, sharing the work of the names both see.
    public static func both(_ facts: ReminderFacts) -> (email: TemplateContext, chat: TemplateContext) {
        let shared = sharedRoot(facts)
        return (TemplateContext(tree: .object(root(shared, facts, audience: .email))), TemplateContext(tree: .object(root(shared, facts, audience: .chat))))
    }

    private init(tree: MustacheValue) {
        self.tree = tree
    }

    /// `shared` with the names only `audience` may see.
    private static func root(_ shared: [String: MustacheValue], _ facts: ReminderFacts, audience: Audience) -> [String: MustacheValue] {
        var root = shared
        if audience == .email {
            if let recipient = facts.recipient {
                root["recipient"] = ["name": .string(recipient.name), "role_name": .string(recipient.roleName)]
            }
            if let household = facts.household {
                root["household"] = [
                    "masked_name": .string(PersonalDataMask.maskName(household.name)),
                    "masked_id": .string(PersonalDataMask.maskIDNumber(household.idNumber)),
                ]
            }
            root["links"] = compact(["confirm": facts.links.confirm, "view": facts.links.view])
        } else {
            root["links"] = compact(["view": facts.links.view])
        }
        return root
    }

    /// The names every audience sees.
    private static func sharedRoot(_ facts: ReminderFacts) -> [String: MustacheValue] {
        var root: [String: MustacheValue] = [
            "plugin": ["id": .string(facts.plugin.id), "name": .string(facts.plugin.name)],
            "duty": ["id": .string(facts.duty.id), "title": .string(facts.duty.title), "description": .string(facts.duty.description)],
            "source": compact([
                "file": facts.source.file, "title": facts.source.title, "section": facts.source.section,
                "quote": facts.source.quote,
            ]),
            "occurrence": occurrence(facts),
            "unit": [
                "name": .string(facts.unit.name), "full_name": .string(facts.unit.fullName), "code": .string(facts.unit.code),
                "level_name": .string(facts.unit.levelName),
            ],
            "owner": compact([
                "role_name": facts.owner.roleName, "title": facts.owner.title,
                "names": facts.owner.holderNames.isEmpty ? nil : facts.owner.holderNames.joined(separator: "、"),
            ]),
            "office": compact(["name": facts.office.name, "phone": facts.office.phone, "email": facts.office.email]),
            "now": ["date": .string(facts.today.chineseDescription)],
            "param": .object(facts.parameters.mapValues(MustacheValue.string)),
        ]
        if let quantity = facts.quantity {
            root["quantity"] = [
                "measure": .string(quantity.measure), "target": .string(quantity.target), "unit": .string(quantity.unit),
                "compare_text": .string(quantity.compareText),
            ]
        }
        if !facts.evidence.isEmpty {
            root["evidence"] = ["text": .string(facts.evidence.joined(separator: "、")), "items": .list(facts.evidence.map(MustacheValue.string))]
        }
        if let escalation = facts.escalation {
            var fields: [String: MustacheValue] = [
                "step": .string(String(escalation.step)), "step_text": .string(escalation.stepText), "is_last": .bool(escalation.isLast),
            ]
            fields["on_behalf_of"] = escalation.onBehalfOf.map(MustacheValue.string)
            root["escalation"] = .object(fields)
        }
        if let basis = facts.basis {
            root["basis"] = compact([
                "title": basis.title, "number": basis.number,
                "citation": basis.citation,
            ])
        }
        if let event = facts.event {
            root["event"] = ["name": .string(event.name), "date": .string(event.date.chineseDescription)]
        }
        if let number = facts.caseNumber {
            root["case"] = ["number": .string(number)]
        }
        return root
    }

    /// The value at a dotted name (`occurrence.days_left`), nil when null; for tests and diagnostics.
    public func value(at name: String) -> Any? {
        var current: MustacheValue? = tree
        for segment in name.split(separator: ".") {
            current = current?.member(String(segment))
        }
        return current?.anyValue
    }

    private static func occurrence(_ facts: ReminderFacts) -> MustacheValue {
        let occurrence = facts.occurrence
        let daysUntilDue = facts.daysUntilDue
        return [
            "period_label": .string(occurrence.periodLabel),
            "due_date": .string(occurrence.dueDate.chineseDescription),
            "due_time": .string(occurrence.dueTime.description),
            "due_weekday": .string(occurrence.dueDate.weekday.chineseName),
            "deadline": .string("\(occurrence.dueDate.chineseDescription)（\(occurrence.dueDate.weekday.chineseName)）\(occurrence.dueTime.description)"),
            "opens_date": .string(occurrence.opensDate.chineseDescription),
            "days_left": .string(String(max(0, daysUntilDue))),
            "days_overdue": .string(String(max(0, -daysUntilDue))),
            "is_overdue": .bool(facts.isOverdue),
            "is_due_today": .bool(daysUntilDue == 0),
        ]
    }

    /// `values` without the nil ones: a missing key is Mustache's null.
    private static func compact(_ values: [String: String?]) -> MustacheValue {
        .object(values.compactMapValues { $0.map(MustacheValue.string) })
    }
}
