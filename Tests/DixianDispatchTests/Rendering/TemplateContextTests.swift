import DixianCore
import DixianDispatch
import DixianNotify
import Foundation
import Testing

@testable import DixianPlugins

/// The context tree: dates, weekdays, day counts, nulls and masking.
@Suite("TemplateContext")
struct TemplateContextTests {
    static func context(
        today: String, due: String, audience: TemplateContext.Audience = .email,
        change: (inout ReminderFacts) -> Void = { _ in }
    ) throws -> TemplateContext {
        let plugin = try #require(RenderingFixtures.plugins.first { $0.id == "governance" })
        var facts = RenderingFixtures.facts(plugin, plugin.duties[0], today: today, due: due)
        change(&facts)
        return TemplateContext(facts, audience: audience)
    }

    static func string(_ context: TemplateContext, _ name: String) -> String? {
        context.value(at: name) as? String
    }

    static func bool(_ context: TemplateContext, _ name: String) -> Bool? {
        context.value(at: name) as? Bool
    }

    @Test("Chinese dates and weekday")
    func dates() throws {
        let context = try Self.context(today: "2026-07-28", due: "2026-07-31")
        #expect(Self.string(context, "occurrence.due_date") == "2026年7月31日")
        #expect(Self.string(context, "occurrence.due_weekday") == "星期五")
        #expect(Self.string(context, "occurrence.due_time") == "18:00")
        #expect(Self.string(context, "occurrence.opens_date") == "2026年7月1日")
        #expect(Self.string(context, "now.date") == "2026年7月28日")
        #expect(Self.string(context, "event.date") == "2026年7月10日")
    }

    @Test(
        "days left and overdue",
        arguments: [
            // today, due, days_left, days_overdue, is_overdue, is_due_today
            ("2026-07-28", "2026-07-31", "3", "0", false, false),
            ("2026-07-31", "2026-07-31", "0", "0", false, true),
            ("2026-08-02", "2026-07-31", "0", "2", true, false),
            ("2026-07-30", "2026-08-02", "3", "0", false, false),
            ("2026-12-30", "2027-01-02", "3", "0", false, false),
            ("2028-03-01", "2028-02-28", "0", "2", true, false),
        ])
    func dayCounts(_ row: (String, String, String, String, Bool, Bool)) throws {
        let context = try Self.context(today: row.0, due: row.1)
        #expect(Self.string(context, "occurrence.days_left") == row.2)
        #expect(Self.string(context, "occurrence.days_overdue") == row.3)
        #expect(Self.bool(context, "occurrence.is_overdue") == row.4)
        #expect(Self.bool(context, "occurrence.is_due_today") == row.5)
    }

    @Test("weekdays across a month and year end")
    func weekdays() throws {
        #expect(Self.string(try Self.context(today: "2026-07-28", due: "2026-08-01"), "occurrence.due_weekday") == "星期六")
        #expect(Self.string(try Self.context(today: "2026-12-28", due: "2027-01-03"), "occurrence.due_weekday") == "星期日")
        #expect(Self.string(try Self.context(today: "2026-07-28", due: "2026-08-03"), "occurrence.due_weekday") == "星期一")
    }

    @Test("household data enter masked only")
    func household() throws {
        let context = try Self.context(today: "2026-07-28", due: "2026-07-31")
        #expect(Self.string(context, "household.masked_name") == "欧阳**")
        #expect(Self.string(context, "household.masked_id") == "1101**********123X")
        let everything = String(describing: context.root)
        #expect(!everything.contains(RenderingFixtures.rawID))
        #expect(!everything.contains(RenderingFixtures.rawName))
    }

    @Test("chat sees no recipient, no signed link, no household")
    func chatAudience() throws {
        let context = try Self.context(today: "2026-07-28", due: "2026-07-31", audience: .chat)
        #expect(context.value(at: "recipient") == nil)
        #expect(context.value(at: "household") == nil)
        #expect(context.value(at: "links.confirm") == nil)
        #expect(Self.string(context, "links.view") == "https://dixian.example/o/42")
        #expect(Self.string(context, "case.number") == "JC-2026-0042")
    }

    @Test("lists, joins, quantity and escalation")
    func objects() throws {
        let context = try Self.context(today: "2026-08-03", due: "2026-07-31") { facts in
            facts.evidence = ["会议纪要", "台账"]
            facts.quantity = .init(measure: "走访户数", target: "20", unit: "户", comparison: .atLeast)
            facts.escalation = .init(step: 3, isLast: true)
            facts.parameters = ["visit_days": "10"]
        }
        #expect(Self.string(context, "evidence.text") == "会议纪要、台账")
        #expect(context.value(at: "evidence.items") as? [String] == ["会议纪要", "台账"])
        #expect(Self.string(context, "owner.names") == "王强、赵丽")
        #expect(Self.string(context, "quantity.compare_text") == "不少于")
        #expect(Self.string(context, "quantity.target") == "20")
        #expect(Self.string(context, "escalation.step") == "3")
        #expect(Self.bool(context, "escalation.is_last") == true)
        #expect(Self.string(context, "param.visit_days") == "10")
    }

    @Test("absent optional values are null")
    func nulls() throws {
        let context = try Self.context(today: "2026-07-28", due: "2026-07-31") { facts in
            facts.evidence = []
            facts.quantity = nil
            facts.escalation = nil
            facts.event = nil
            facts.caseNumber = nil
            facts.household = nil
            facts.recipient = nil
            facts.links = .init()
            facts.office = .init(name: "办公室")
            facts.source.section = nil
            facts.source.quote = nil
            facts.owner.holderNames = []
        }
        for name in [
            "evidence", "quantity", "escalation", "event", "case", "household", "recipient", "links.confirm",
            "links.view", "office.phone", "office.email", "source.section", "source.quote", "owner.names", "basis",
        ] {
            #expect(context.value(at: name) == nil, "\(name)")
        }
        #expect(Self.string(context, "owner.title") == "村党组织书记", "without a post name, the role name")
    }

    @Test("null, false and empty render as the Mustache spec says, escaping per part")
    func mustacheSemantics() throws {
        let plugin = try #require(RenderingFixtures.plugins.first { $0.id == "governance" })
        var facts = RenderingFixtures.facts(plugin, plugin.duties[0])
        facts.quantity = nil
        facts.office = .init(name: "A&B<办公室>")
        let template = MessageTemplate(
            id: "probe", description: nil,
            subject: "{{#quantity}}有{{/quantity}}{{^quantity}}无{{/quantity}}目标{{office.phone}}|{{office.name}}",
            text: "{{#occurrence.is_overdue}}\n逾期\n{{/occurrence.is_overdue}}\n{{^occurrence.is_overdue}}\n未逾期\n{{/occurrence.is_overdue}}\n{{#evidence.items}}\n- {{.}}\n{{/evidence.items}}\n{{office.name}}\n",
            html: "{{#quantity}}\n<p>x</p>\n{{/quantity}}\n<p>{{office.name}}</p>\n",
            chat: "{{office.name}}", location: .init(file: "probe.yaml", line: 1, column: 1))
        let content = try RenderingFixtures.renderer.render(template, facts: facts)
        #expect(content.subject == "无目标|A&B<办公室>")
        let expectedEvidence = facts.evidence.map { "- \($0)\n" }.joined()
        #expect(content.text.hasPrefix("未逾期\n" + expectedEvidence + "A&B<办公室>\n\n——\n"))
        #expect(content.chat == "A&B<办公室>")
        let html = try #require(content.html)
        #expect(html.contains("\n<p>A&amp;B&lt;办公室&gt;</p>\n"))
        #expect(!html.contains("<p>x</p>"))
    }
}
