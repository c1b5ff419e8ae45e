import DixianCore
import DixianDispatch
import DixianNotify
import DixianPlugins
import Testing

/// Household events: the email shows masked data, chat shows the case number only, nothing shows raw data.
@Suite("Household masking")
struct HouseholdMaskingTests {
    @Test("the case templates show masked household data in email only")
    func caseTemplates() throws {
        let plugin = try #require(RenderingFixtures.plugins.first { $0.id == "governance" })
        let duty = try #require(plugin.duties.first { $0.templates.reminder == "case-reminder" })
        for kind in [ReminderFacts.Kind.reminder, .escalation] {
            let facts = RenderingFixtures.facts(plugin, duty, kind: kind, today: "2026-07-28", due: "2026-07-20")
            let content = try RenderingFixtures.renderer.render(for: duty, facts: facts)
            #expect(content.text.contains("（户主欧阳**，身份证号1101**********123X）于2026年7月10日纳入监测"))
            #expect(try #require(content.html).contains("户主欧阳**，身份证号1101**********123X"))
            #expect(content.chat.contains("JC-2026-0042"))
            #expect(!content.chat.contains("欧阳") && !content.chat.contains("1101"))
            for part in [content.subject, content.text, content.html!, content.chat] {
                #expect(!part.contains(RenderingFixtures.rawID) && !part.contains(RenderingFixtures.rawName))
            }
        }
    }

    @Test("an ID number that reaches a template through another value is masked in every part")
    func defenceInDepth() throws {
        let plugin = try #require(RenderingFixtures.plugins.first { $0.id == "health" })
        let duty = plugin.duties[0]
        let facts = RenderingFixtures.facts(plugin, duty, title: "核查110101199003071234的参保", description: "证号11010119900307123x")
        let content = try RenderingFixtures.renderer.render(for: duty, facts: facts)
        for part in [content.subject, content.text, content.html!, content.chat] {
            #expect(!part.contains("110101199003071234") && !part.contains("11010119900307123x"))
        }
        #expect(content.subject.contains("核查1101**********1234的参保"))
    }
}
