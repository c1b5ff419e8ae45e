import DixianCore
import DixianDispatch
import DixianNotify
import DixianPlugins
import Foundation
import Testing

/// One reminder of the health plugin's `duty-reminder`, built field by field, checked to the character.
@Suite("Golden reminder")
struct GoldenReminderTests {
    static func facts(quantity: ReminderFacts.Quantity? = nil, phone: String? = "0791-1234567") -> ReminderFacts {
        ReminderFacts(
            kind: .reminder, plugin: .init(id: "health", name: "基本医疗保障"),
            duty: .init(id: "insurance_check", title: "参保情况核查", description: "核对监测对象参保状态。"),
            source: .init(file: "003_7054d1b8bccb6c81.txt", title: "整改方案", section: "一、（七）4"),
            occurrence: .init(
                periodLabel: "2026年7月", dueDate: CalendarDate(year: 2026, month: 7, day: 31)!,
                dueTime: TimeOfDay(hour: 18, minute: 0)!, opensDate: CalendarDate(year: 2026, month: 7, day: 1)!,
                dueAt: Date(timeIntervalSince1970: 1_785_492_000)),
            unit: .init(name: "七家镇", fullName: "XX县七家镇", code: "360102101000", levelName: "乡镇"),
            recipient: .init(name: "李明", roleName: "乡镇党委书记"),
            owner: .init(roleName: "乡镇卫生院院长", holderNames: ["王强"], title: "XX县七家镇卫生院院长"), quantity: quantity,
            evidence: ["核查台账", "参保名单"],
            links: .init(confirm: "https://dixian.example/c/TOKEN", view: "https://dixian.example/o/42"),
            office: .init(name: "XX县乡村振兴局", phone: phone), today: CalendarDate(year: 2026, month: 7, day: 28)!)
    }

    static func render(_ facts: ReminderFacts) throws -> RenderedContent {
        let plugin = try #require(RenderingFixtures.plugins.first { $0.id == "health" })
        let template = try #require(plugin.template(id: "duty-reminder"))
        return try RenderingFixtures.renderer.render(template, facts: facts)
    }

    @Test("subject, text lines, chat and footer")
    func golden() throws {
        let content = try Self.render(Self.facts())
        #expect(content.subject == "【基本医疗保障·2026年7月】请于2026年7月31日前完成参保情况核查")
        let lines = content.text.components(separatedBy: "\n")
        #expect(lines.first == "李明同志：")
        #expect(lines.contains("请于2026年7月31日（星期五）18:00前完成“参保情况核查”（2026年7月），并留存核查台账、参保名单。"))
        #expect(lines.contains("责任人：XX县七家镇卫生院院长（王强）"))
        #expect(lines.contains("工作要求：核对监测对象参保状态。"))
        #expect(!content.text.contains("数量目标") && !content.text.contains("依据"), "no county document set: no 依据 line")
        #expect(lines.contains("https://dixian.example/c/TOKEN"))
        #expect(lines.contains("联系电话：0791-1234567"))
        let owner = try #require(lines.firstIndex(of: "责任人：XX县七家镇卫生院院长（王强）"))
        #expect(lines[owner + 1] == "工作要求：核对监测对象参保状态。")
        #expect(
            content.text.hasSuffix(
                "\n\n——\n本邮件由XX县乡村振兴局“底线”防返贫监测与任务提醒系统自动发送，请勿直接回复。\n联系电话：0791-1234567\n"))
        #expect(
            content.chat
                == "【基本医疗保障·工作提醒】XX县七家镇卫生院院长：请于2026年7月31日（星期五）18:00前完成“参保情况核查”（2026年7月）。详情：https://dixian.example/o/42")
        let html = try #require(content.html)
        #expect(html.contains("<p>李明同志：</p>"))
        #expect(html.contains("<a href=\"https://dixian.example/c/TOKEN\">确认已完成</a>"))
        #expect(html.contains("本邮件由XX县乡村振兴局“底线”防返贫监测与任务提醒系统自动发送，请勿直接回复。<br>联系电话：0791-1234567"))
        #expect(html.contains("<title>【基本医疗保障·2026年7月】请于2026年7月31日前完成参保情况核查</title>"))
    }

    @Test("the county's own document is cited after 依据 when its override sets one")
    func basis() throws {
        var facts = Self.facts()
        facts.basis = DocumentBasis(title: "岚川县巩固衔接实施方案", number: "岚巩衔组发〔2026〕3号")
        let content = try Self.render(facts)
        #expect(content.text.contains("\n依据：《岚川县巩固衔接实施方案》（岚巩衔组发〔2026〕3号）\n"))
        #expect(content.html?.contains("依据：《岚川县巩固衔接实施方案》（岚巩衔组发〔2026〕3号）") == true)
    }

    @Test("a quantity renders with its comparison; an absent phone leaves the footer without contacts")
    func quantityAndNoPhone() throws {
        let content = try Self.render(
            Self.facts(quantity: .init(measure: "核查户数", target: "20", unit: "户", comparison: .atMost), phone: nil))
        #expect(content.text.contains("（2026年7月），核查户数不超过20户，并留存"))
        #expect(content.chat.contains("（2026年7月），核查户数不超过20户。"))
        #expect(!content.text.contains("联系电话"))
        #expect(content.text.hasSuffix("——\n本邮件由XX县乡村振兴局“底线”防返贫监测与任务提醒系统自动发送，请勿直接回复。\n"))
        let full = try Self.render(Self.facts(quantity: .init(measure: "参保率", target: "100", unit: "%")))
        #expect(full.text.contains("参保率达到100%"), "offices write 达到100%, not 不少于100%")
    }

    @Test("an overdue reminder says so in subject, text and chat")
    func overdue() throws {
        var facts = Self.facts()
        facts.today = CalendarDate(year: 2026, month: 8, day: 2)!
        let content = try Self.render(facts)
        #expect(content.subject == "【基本医疗保障·2026年7月】参保情况核查已逾期2天，请抓紧完成")
        #expect(content.text.contains("前完成，现已逾期2天，尚未确认完成，请抓紧办理，并留存核查台账、参保名单。"))
        #expect(content.chat.contains("已逾期2天"))
    }

    @Test("newlines inside values become spaces in the subject")
    func subjectSingleLine() throws {
        var facts = Self.facts()
        facts.duty.title = "参保\n情况核查\r\n第二行"
        let content = try Self.render(facts)
        #expect(content.subject == "【基本医疗保障·2026年7月】请于2026年7月31日前完成参保 情况核查 第二行")
    }

    @Test("rendering from many tasks at once gives the same result")
    func concurrent() async throws {
        let expected = try Self.render(Self.facts())
        let results = try await withThrowingTaskGroup(of: RenderedContent.self) { group in
            for _ in 0..<64 {
                group.addTask { try Self.render(Self.facts()) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 == expected })
    }
}
