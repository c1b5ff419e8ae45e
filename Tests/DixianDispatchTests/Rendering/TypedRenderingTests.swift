import DixianDispatch
import DixianMustache
import DixianPlugins
import Mustache
import Testing

/// Every shipped template part, in every situation the facts fixtures make, renders through the typed renderer
/// exactly as through swift-mustache, and the renderer does use the typed one for all of them.
@Suite("Typed rendering of the shipped templates")
struct TypedRenderingTests {
    /// Facts in the situations that switch sections on and off: ahead, due today, overdue; a reminder and an
    /// escalation; with and without links; a duty title with HTML's special characters.
    static func situations(_ plugin: Plugin, _ duty: Duty) -> [ReminderFacts] {
        var facts: [ReminderFacts] = []
        for kind in [ReminderFacts.Kind.reminder, .escalation] {
            for today in ["2026-07-20", "2026-07-31", "2026-08-09"] {
                facts.append(RenderingFixtures.facts(plugin, duty, kind: kind, today: today))
            }
        }
        facts.append(RenderingFixtures.facts(plugin, duty, confirm: nil, view: nil))
        facts.append(RenderingFixtures.facts(plugin, duty, title: "<b>\"危&房'</b>", description: "a < b & c"))
        return facts
    }

    @Test("every part of every shipped template: the typed renderer writes what swift-mustache writes")
    func shippedTemplatesMatchSwiftMustache() throws {
        var compared = 0
        for (plugin, duty, template) in RenderingFixtures.everyTemplate {
            let parts = [("subject", template.subject, "TEXT"), ("text", template.text, "TEXT"), ("chat", template.chat, "TEXT")]
                + (template.html.map { [("html", $0, "HTML")] } ?? [])
            for (part, body, contentType) in parts {
                let text = "{{% CONTENT_TYPE: \(contentType) }}\n" + body
                let typed = try TypedTemplate(parsing: text)
                let reference = try MustacheTemplate(string: text)
                for facts in Self.situations(plugin, duty) {
                    for audience in [TemplateContext.Audience.email, .chat] {
                        let context = TemplateContext(facts, audience: audience)
                        #expect(
                            typed.render(context.tree) == reference.render(context.root),
                            "\(plugin.id).\(template.id).\(part) for \(audience)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 500)
    }

    @Test("the renderer renders every shipped template with the typed renderer")
    func shippedTemplatesAreTyped() {
        #expect(RenderingFixtures.renderer.rendersEveryTemplateTyped)
    }
}
