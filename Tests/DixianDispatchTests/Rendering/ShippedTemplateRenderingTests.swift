import DixianCore
import DixianDispatch
import DixianNotify
import DixianPlugins
import Testing

/// Every template of every shipped plugin, rendered as a reminder and as an escalation.
@Suite("Shipped templates render")
struct ShippedTemplateRenderingTests {
    static let hostile = "<script>alert('x')</script>&\"引号\""

    @Test("the shipped tree has templates to render")
    func coverage() {
        let count = RenderingFixtures.plugins.reduce(0) { $0 + $1.templates.count }
        #expect(RenderingFixtures.everyTemplate.count == count)
        #expect(count >= 14)
    }

    @Test("every template renders completely and safely", arguments: [ReminderFacts.Kind.reminder, .escalation])
    func everyTemplate(kind: ReminderFacts.Kind) throws {
        for (plugin, duty, template) in RenderingFixtures.everyTemplate {
            let facts = RenderingFixtures.facts(
                plugin, duty, kind: kind, today: kind == .escalation ? "2026-08-03" : "2026-07-28",
                title: "\(duty.title)\(Self.hostile)", description: "\(duty.description)\(Self.hostile)")
            let content = try RenderingFixtures.renderer.render(template, facts: facts)
            let label = "\(plugin.id).\(template.id) (\(kind))"
            let parts = [content.subject, content.text, content.html ?? "", content.chat]
            for part in parts {
                #expect(!part.contains("{{") && !part.contains("}}"), "\(label): unresolved tag in \(part)")
                #expect(!part.contains(RenderingFixtures.rawID), "\(label): raw ID number")
                #expect(!part.contains(RenderingFixtures.rawName), "\(label): raw household name")
                #expect(PersonalDataMask.maskingIDNumbers(in: part) == part, "\(label): an ID-like number survived")
            }
            let subjectLines = content.subject.split(whereSeparator: { $0.isNewline }).count
            #expect(subjectLines == 1, "\(label): subject \(content.subject)")
            #expect(!content.subject.isEmpty && !content.text.isEmpty && !content.chat.isEmpty, "\(label)")
            #expect(content.text.contains("本邮件由XX县巩固衔接领导小组办公室“底线”防返贫监测与任务提醒系统自动发送"), "\(label)")
            // Chat goes to a group: no recipient, no signed link, no household.
            #expect(!content.chat.contains("李明") && !content.chat.contains("eyJhbGci"), "\(label): \(content.chat)")
            #expect(!content.chat.contains("1101*"), "\(label): \(content.chat)")
            if template.text.contains("{{duty.title}}") || template.text.contains("{{duty.description}}") {
                #expect(content.text.contains(Self.hostile), "\(label): text must not be escaped")
            }
            if template.subject.contains("{{duty.title}}") {
                #expect(content.subject.contains(Self.hostile), "\(label): subject must not be escaped")
            }
            if let html = content.html {
                #expect(!html.contains("<script>"), "\(label): html not escaped")
                #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;引号&quot;"), "\(label)")
                #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<meta charset=\"utf-8\">"), "\(label)")
                #expect(html.contains("max-width:640px"), "\(label)")
            }
        }
    }

    @Test("a duty's template choice follows the message kind")
    func templateChoice() throws {
        let plugin = try #require(RenderingFixtures.plugins.first { $0.id == "health" })
        let duty = try #require(plugin.duties.first { $0.templates.escalation != nil })
        let reminder = try RenderingFixtures.renderer.render(
            for: duty, facts: RenderingFixtures.facts(plugin, duty, kind: .reminder))
        let escalation = try RenderingFixtures.renderer.render(
            for: duty, facts: RenderingFixtures.facts(plugin, duty, kind: .escalation, today: "2026-08-03"))
        #expect(!reminder.subject.contains("督办"))
        #expect(escalation.subject.contains("督办"))
        #expect(escalation.text.contains("现予二次督办，请督促落实。"))
        #expect(escalation.subject.hasPrefix("【基本医疗保障·二次督办】"))
    }

    @Test("an unknown template id is a rendering error with context")
    func unknownTemplate() throws {
        let plugin = try #require(RenderingFixtures.plugins.first)
        let facts = RenderingFixtures.facts(plugin, plugin.duties[0])
        let error = #expect(throws: RenderingError.self) {
            try RenderingFixtures.renderer.render(templateID: "no-such-template", facts: facts)
        }
        #expect(error?.code == .unknownTemplate)
        #expect(error?.context["template"] == "no-such-template")
    }
}
