import DixianCore
import Foundation

/// The page of a procedure form behind a signed link from a reminder email: the facts of the case (household
/// masked, the reason for the alert, the deadline) and the fields of the step. Like ``ConfirmationPage``: GET
/// shows, only the form's POST records; self-contained, every value escaped; a refused form comes back with the
/// reason and without what was typed.
public struct ProcedureFormPage: Sendable {
    public struct Choice: Sendable, Hashable {
        public var value: String
        public var label: String
        public init(_ value: String, _ label: String) {
            self.value = value
            self.label = label
        }
    }

    public struct Field: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case text
            case textarea
            case date(default: String)
            case select([Choice])
            case radio([Choice])
            case checkboxes([Choice])
        }

        public var name: String
        public var label: String
        public var kind: Kind
        public var hint: String?

        public init(_ name: String, _ label: String, _ kind: Kind, hint: String? = nil) {
            self.name = name
            self.label = label
            self.kind = kind
            self.hint = hint
        }
    }

    public var footer: String?

    public init(footer: String? = nil) {
        self.footer = footer
    }

    public func render(title: String, facts: [(String, String)], fields: [Field], button: String, problem: String? = nil) -> String {
        var body = "<h1>\(HTMLText.escape(title))</h1>\n"
        body += "<dl>\n" + facts.map { "<dt>\(HTMLText.escape($0.0))</dt><dd>\(HTMLText.escape($0.1))</dd>" }.joined(separator: "\n") + "\n</dl>\n"
        if let problem { body += "<p class=\"problem\" role=\"alert\">\(HTMLText.escape(problem))</p>\n" }
        body += "<form method=\"post\" accept-charset=\"UTF-8\">\n"
        for field in fields { body += Self.html(field) }
        body += "<button type=\"submit\">\(HTMLText.escape(button))</button>\n</form>\n"
        return ConfirmationPage(footer: footer).document(title: title, body: body)
    }

    /// The answer after a step: what was recorded, or why not.
    public func renderResult(title: String, message: String, ok: Bool) -> String {
        let body = "<h1 class=\"\(ok ? "ok" : "missed")\">\(HTMLText.escape(title))</h1>\n<p>\(HTMLText.escape(message))</p>\n"
        return ConfirmationPage(footer: footer).document(title: title, body: body)
    }

    /// One field of a form, every value escaped (the console places it inside its own form).
    public static func html(_ field: Field) -> String {
        let name = HTMLText.escape(field.name)
        var html = ""
        switch field.kind {
        case .text:
            html = "<label for=\"\(name)\">\(HTMLText.escape(field.label))</label>\n<input id=\"\(name)\" name=\"\(name)\" type=\"text\" maxlength=\"\(ProcedureForm.maximumFieldLength)\">\n"
        case .textarea:
            html = "<label for=\"\(name)\">\(HTMLText.escape(field.label))</label>\n<textarea id=\"\(name)\" name=\"\(name)\" rows=\"3\" maxlength=\"\(ProcedureForm.maximumFieldLength)\"></textarea>\n"
        case .date(let value):
            html = "<label for=\"\(name)\">\(HTMLText.escape(field.label))</label>\n<input id=\"\(name)\" name=\"\(name)\" type=\"date\" value=\"\(HTMLText.escape(value))\">\n"
        case .select(let choices):
            let options = choices.map { "<option value=\"\(HTMLText.escape($0.value))\">\(HTMLText.escape($0.label))</option>" }
            html = "<label for=\"\(name)\">\(HTMLText.escape(field.label))</label>\n<select id=\"\(name)\" name=\"\(name)\">\n<option value=\"\">请选择</option>\n\(options.joined(separator: "\n"))\n</select>\n"
        case .radio(let choices), .checkboxes(let choices):
            let type = if case .radio = field.kind { "radio" } else { "checkbox" }
            let items = choices.map {
                "<label class=\"choice\"><input type=\"\(type)\" name=\"\(name)\" value=\"\(HTMLText.escape($0.value))\"> \(HTMLText.escape($0.label))</label>"
            }
            html = "<fieldset><legend>\(HTMLText.escape(field.label))</legend>\n\(items.joined(separator: "\n"))\n</fieldset>\n"
        }
        if let hint = field.hint { html += "<p class=\"hint\">\(HTMLText.escape(hint))</p>\n" }
        return html
    }
}
