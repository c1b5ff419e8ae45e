import DixianCore
import DixianNotify
import DixianPlugins

/// Renders the plugins' message templates into notifications (消息渲染): one ``ReminderFacts`` and one
/// ``MessageTemplate`` make one ``RenderedContent``.
///
/// Every template of the plugins it is created with is compiled once, up front; the renderer is then
/// immutable, so any number of tasks may render with it at the same time. Create a new one when the
/// plugins are reloaded.
///
/// What it adds to a template's output: the subject on one line; the footer naming the sending office
/// under text and html; the html inside ``MailLayout``'s frame; and, as a last line of defence, every
/// part passed through ``PersonalDataMask/maskingIDNumbers(in:)``.
public struct MessageRenderer: Sendable {
    private struct Key: Hashable, Sendable {
        var plugin: String
        var template: String
    }

    private let compiled: [Key: CompiledTemplate]
    /// Each plugin's `param.<name>` values, formatted once per load like the templates, with the parameters they
    /// were formatted from (formatting decimals cost a twentieth of a reminder's composing).
    private let parameterValues: [String: (parameters: [Parameter], values: [String: String])]

    /// Compiles every template of `plugins`.
    ///
    /// - Throws: ``RenderingError`` with code `template_syntax` if a template does not parse (the loader
    ///   accepts only templates that do).
    public init(plugins: [Plugin]) throws(RenderingError) {
        var compiled: [Key: CompiledTemplate] = [:]
        for plugin in plugins {
            for template in plugin.templates {
                compiled[Key(plugin: plugin.id, template: template.id)] = try CompiledTemplate(
                    template, pluginID: plugin.id)
            }
        }
        self.compiled = compiled
        self.parameterValues = Dictionary(
            plugins.map { ($0.id, ($0.parameters, ReminderFacts.parameterValues(of: $0))) }, uniquingKeysWith: { first, _ in first })
    }

    /// `param.<name>` values of `plugin`: those formatted at compile time while its parameters are the same
    /// (the comparison is one pointer check for the loaded plugins' own arrays), else formatted now.
    public func parameterValues(of plugin: Plugin) -> [String: String] {
        if let cached = parameterValues[plugin.id], cached.parameters == plugin.parameters { return cached.values }
        return ReminderFacts.parameterValues(of: plugin)
    }

    /// Renders template `templateID` of the facts' plugin: the subject and `parts`.
    ///
    /// - Throws: ``RenderingError`` with code `unknown_template` when that plugin has no such template.
    public func render(templateID: String, facts: ReminderFacts, parts: Parts = .all) throws(RenderingError) -> RenderedContent {
        guard let template = compiled[Key(plugin: facts.plugin.id, template: templateID)] else {
            throw RenderingError(.unknownTemplate, context: ["plugin": facts.plugin.id, "template": templateID])
        }
        return render(template, facts: facts, parts: parts)
    }

    /// Renders `template` (of the facts' plugin): the compiled copy when it is the one compiled, else
    /// compiled now (a template from another source, e.g. a preview of an edited plugin).
    public func render(_ template: MessageTemplate, facts: ReminderFacts, parts: Parts = .all) throws(RenderingError) -> RenderedContent {
        if let cached = compiled[Key(plugin: facts.plugin.id, template: template.id)], cached.source == template {
            return render(cached, facts: facts, parts: parts)
        }
        return render(try CompiledTemplate(template, pluginID: facts.plugin.id), facts: facts, parts: parts)
    }

    /// Whether every compiled template is rendered by the typed renderer, for tests and diagnostics: a template
    /// that is not renders correctly, more slowly.
    public var rendersEveryTemplateTyped: Bool {
        compiled.values.allSatisfy(\.isTyped)
    }

    /// Renders the template a duty uses for a message of the facts' kind: the escalation template for an
    /// escalation when the duty names one, else the reminder template.
    public func render(for duty: Duty, facts: ReminderFacts, parts: Parts = .all) throws(RenderingError) -> RenderedContent {
        let templateID =
            facts.kind == .escalation ? duty.templates.escalation ?? duty.templates.reminder : duty.templates.reminder
        return try render(templateID: templateID, facts: facts, parts: parts)
    }

    private func render(_ template: CompiledTemplate, facts: ReminderFacts, parts: Parts) -> RenderedContent {
        let contexts: (email: TemplateContext, chat: TemplateContext?) =
            parts.contains(.chat) ? TemplateContext.both(facts) : (TemplateContext(facts, audience: .email), nil)
        let email = contexts.email
        let footer = MessageFooter(office: facts.office)
        let subject = template.subject.render(email).renderedSingleLine
        var content = RenderedContent(subject: PersonalDataMask.maskingIDNumbers(in: subject), text: "", chat: "")
        if parts.contains(.mail) {
            let text = footer.appended(toText: template.text.render(email))
            let html = template.html.map {
                MailLayout.document(title: subject, body: $0.render(email), footer: footer.html)
            }
            content.text = PersonalDataMask.maskingIDNumbers(in: text)
            content.html = html.map(PersonalDataMask.maskingIDNumbers(in:))
        }
        if let chatContext = contexts.chat {
            let chat = template.chat.render(chatContext).trimmingTrailingNewlines
            content.chat = PersonalDataMask.maskingIDNumbers(in: chat)
        }
        return content
    }
}
