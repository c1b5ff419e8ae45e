/// The names a template may use (plugins/README.md §9), besides `param.<declared parameter>`.
enum TemplateCatalogue {
    /// What a name holds, which decides where it may appear.
    enum Shape {
        case string
        /// May be absent: `{{x}}` renders empty.
        case optional
        case boolean
        /// Null or an object with fields: usable as a section.
        case object
        /// A list of strings: `{{.}}` inside its section.
        case list
    }

    static let variables: [String: Shape] = [
        "plugin.id": .string, "plugin.name": .string,
        "duty.id": .string, "duty.title": .string, "duty.description": .string,
        "source.file": .string, "source.title": .string, "source.section": .optional, "source.quote": .optional,
        "occurrence.period_label": .string, "occurrence.due_date": .string, "occurrence.due_time": .string,
        "occurrence.due_weekday": .string, "occurrence.deadline": .string, "occurrence.opens_date": .string, "occurrence.days_left": .string,
        "occurrence.days_overdue": .string, "occurrence.is_overdue": .boolean,
        "occurrence.is_due_today": .boolean,
        "unit.name": .string, "unit.full_name": .string, "unit.code": .string, "unit.level_name": .string,
        "recipient.name": .string, "recipient.role_name": .string,
        "owner.role_name": .string, "owner.title": .string, "owner.names": .optional,
        "quantity": .object, "quantity.measure": .string, "quantity.target": .string, "quantity.unit": .string,
        "quantity.compare_text": .string,
        "evidence": .object, "evidence.text": .string, "evidence.items": .list,
        "escalation": .object, "escalation.step": .string, "escalation.step_text": .string,
        "escalation.is_last": .boolean, "escalation.on_behalf_of": .optional,
        "basis": .object, "basis.title": .string, "basis.number": .optional, "basis.citation": .string,
        "event": .object, "event.name": .string, "event.date": .string,
        "case": .object, "case.number": .string,
        "household": .object, "household.masked_name": .string, "household.masked_id": .string,
        "links.confirm": .string, "links.view": .string,
        "office.name": .string, "office.phone": .optional, "office.email": .optional,
        "now.date": .string,
    ]

    /// Whether `name` must not appear in a chat part: chat goes to a group, and a signed link is a credential.
    static func isForbiddenInChat(_ name: String) -> Bool {
        name.hasPrefix("recipient.") || name == "links.confirm" || name == "household" || name.hasPrefix("household.")
    }
}
