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
            owner: .init(roleName: "乡镇卫生院院长", holderNames: ["王强"]), quantity: quantity,
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
        #expect(content.subject == "【基本医疗保障·2026年7月】参保情况核查（2026年7月31日截止）")
        let lines = content.text.components(separatedBy: "\n")
        #expect(lines.first == "李明同志：")
        #expect(lines.contains("XX县七家镇乡镇卫生院院长的基本医疗保障工作任务“参保情况核查”（2026年7月）将于2026年7月31日（星期五）18:00截止。"))
        #expect(lines.contains("工作要求：核对监测对象参保状态。"))
        #expect(lines.contains("佐证材料：核查台账、参保名单"))
        #expect(!content.text.contains("数量目标"))
        #expect(lines.contains("https://dixian.example/c/TOKEN"))
        #expect(lines.contains("依据：整改方案 一、（七）4"))
        #expect(lines.contains("联系电话：0791-1234567"))
        // The section lines of quantity and evidence leave no blank line where they stand.
        let requirement = try #require(lines.firstIndex(of: "工作要求：核对监测对象参保状态。"))
        #expect(lines[requirement + 1] == "佐证材料：核查台账、参保名单")
        #expect(
            content.text.hasSuffix(
                "\n\n——\n本邮件由XX县乡村振兴局“底线”防返贫监测与任务提醒系统自动发送，请勿直接回复。\n联系电话：0791-1234567\n"))
        #expect(
            content.chat
                == "【基本医疗保障提醒】XX县七家镇乡镇卫生院院长：参保情况核查（2026年7月）2026年7月31日 18:00截止。详情：https://dixian.example/o/42")
        let html = try #require(content.html)
        #expect(html.contains("<p>李明同志：</p>"))
        #expect(html.contains("<a href=\"https://dixian.example/c/TOKEN\">确认已完成</a>"))
        #expect(html.contains("本邮件由XX县乡村振兴局“底线”防返贫监测与任务提醒系统自动发送，请勿直接回复。<br>联系电话：0791-1234567"))
        #expect(html.contains("<title>【基本医疗保障·2026年7月】参保情况核查（2026年7月31日截止）</title>"))
    }

    @Test("a quantity renders with its comparison; an absent phone leaves the footer without contacts")
    func quantityAndNoPhone() throws {
        let content = try Self.render(
            Self.facts(quantity: .init(measure: "核查户数", target: "20", unit: "户", comparison: .atMost), phone: nil))
        #expect(content.text.contains("\n数量目标：核查户数不超过20户\n"))
        #expect(content.chat.contains("目标：核查户数不超过20户。"))
        #expect(!content.text.contains("联系电话"))
        #expect(content.text.hasSuffix("——\n本邮件由XX县乡村振兴局“底线”防返贫监测与任务提醒系统自动发送，请勿直接回复。\n"))
    }

    @Test("an overdue reminder says so in subject, text and chat")
    func overdue() throws {
        var facts = Self.facts()
        facts.today = CalendarDate(year: 2026, month: 8, day: 2)!
        let content = try Self.render(facts)
        #expect(content.subject == "【基本医疗保障·2026年7月】参保情况核查（已逾期2天）")
        #expect(content.text.contains("”（2026年7月）已逾期2天，尚未确认完成。"))
        #expect(content.chat.contains("已逾期2天"))
    }

    @Test("newlines inside values become spaces in the subject")
    func subjectSingleLine() throws {
        var facts = Self.facts()
        facts.duty.title = "参保\n情况核查\r\n第二行"
        let content = try Self.render(facts)
        #expect(content.subject == "【基本医疗保障·2026年7月】参保 情况核查 第二行（2026年7月31日截止）")
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
