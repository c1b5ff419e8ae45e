import DixianCore
import DixianDispatch
import DixianNotify
import DixianPlugins
import Testing

/// A digest of three items for one recipient.
@Suite("DigestRenderer")
struct DigestRendererTests {
    static func items() throws -> [ReminderFacts] {
        let health = try #require(RenderingFixtures.plugins.first { $0.id == "health" })
        let water = try #require(RenderingFixtures.plugins.first { $0.id == "water" })
        var late = RenderingFixtures.facts(
            health, health.duties[0], today: "2026-07-31", due: "2026-07-29",
            confirm: "https://dixian.example/c/LATE", view: "https://dixian.example/o/1")
        late.duty.title = "迟到<任务>"
        let today = RenderingFixtures.facts(
            water, water.duties[0], today: "2026-07-31", due: "2026-07-31",
            confirm: "https://dixian.example/c/TODAY", view: "https://dixian.example/o/2")
        var soon = RenderingFixtures.facts(
            health, health.duties[1], today: "2026-07-31", due: "2026-08-03",
            confirm: nil, view: "https://dixian.example/o/3")
        soon.unit.fullName = "XX县石桥村"
        // Calendar duties: no household. The household row has a test of its own.
        return [soon, late, today].map { var facts = $0; facts.household = nil; return facts }
    }

    @Test("a household event's row names the head masked in email, and chat names nobody")
    func household() throws {
        let health = try #require(RenderingFixtures.plugins.first { $0.id == "health" })
        let alert = RenderingFixtures.facts(health, health.duties[0], today: "2026-07-31", due: "2026-08-03")
        let content = try DigestRenderer().render(try Self.items() + [alert])
        let maskedName = PersonalDataMask.maskName(RenderingFixtures.rawName)
        let maskedID = PersonalDataMask.maskIDNumber(RenderingFixtures.rawID)
        let row = "［户主\(maskedName)，身份证\(maskedID)］"
        #expect(content.text.components(separatedBy: row).count == 2, "\(content.text)")
        #expect(try #require(content.html).contains(row))
        for part in [content.text, content.html!, content.chat] {
            #expect(!part.contains(RenderingFixtures.rawID))
            #expect(!part.contains(RenderingFixtures.rawName))
        }
        #expect(!content.chat.contains(maskedName) && !content.chat.contains("身份证"))
    }

    @Test("subject counts items and overdue ones")
    func subject() throws {
        let content = try DigestRenderer().render(Self.items())
        #expect(content.subject == "【工作提醒汇总】您有3项工作任务临近截止或已逾期（其中1项已逾期）")
        let notOverdue = try Array(Self.items().dropFirst(2))
        #expect(try DigestRenderer().render(notOverdue).subject == "【工作提醒汇总】您有1项工作任务临近截止或已逾期")
    }

    @Test("rows are in order of due date with their status, in every part")
    func order() throws {
        let content = try DigestRenderer().render(Self.items())
        for part in [content.text, content.html!, content.chat] {
            let positions = ["已逾期2天", "今日截止", "3天后截止"].map { part.range(of: $0)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil }, "\(part)")
            let found = positions.compactMap { $0 }
            #expect(found == found.sorted(), "\(part)")
        }
        #expect(content.text.contains("1 | 迟到<任务>（2026年7月） | XX县七家镇 | 2026年7月29日（星期三）18:00 | 已逾期2天\n"))
        #expect(content.text.hasPrefix("李明同志：\n\n您有3项工作任务临近截止或已逾期（其中1项已逾期），请及时办理：\n"))
        #expect(content.chat.hasPrefix("【工作提醒汇总】共3项工作任务临近截止或已逾期（其中1项已逾期）：\n1. XX县七家镇：迟到<任务>（2026年7月）"))
    }

    @Test("email carries confirm links; chat only view links and no names")
    func links() throws {
        let content = try DigestRenderer().render(Self.items())
        let html = try #require(content.html)
        for link in ["https://dixian.example/c/LATE", "https://dixian.example/c/TODAY"] {
            #expect(content.text.contains("确认完成：\(link)"))
            #expect(html.contains("<a href=\"\(link)\""))
            #expect(!content.chat.contains(link))
        }
        // The item without a confirm link offers its view link in email.
        #expect(content.text.contains("查看详情：https://dixian.example/o/3"))
        for view in ["https://dixian.example/o/1", "https://dixian.example/o/2", "https://dixian.example/o/3"] {
            #expect(content.chat.contains(view))
        }
        #expect(!content.chat.contains("李明"))
        #expect(!content.chat.contains("王强"))
        #expect(!content.chat.contains("/c/"))
        #expect(content.chat.split(separator: "\n").count == 4)
    }

    @Test("html is escaped and framed, text is not escaped, footer in both")
    func escapingAndFooter() throws {
        let content = try DigestRenderer().render(Self.items())
        let html = try #require(content.html)
        #expect(html.contains("迟到&lt;任务&gt;"))
        #expect(!html.contains("迟到<任务>"))
        #expect(html.contains("<table") && html.contains("<th align=\"left\""))
        #expect(html.contains("max-width:640px"))
        #expect(content.text.contains("迟到<任务>"))
        #expect(content.text.contains("本邮件由XX县巩固衔接领导小组办公室“底线”防返贫监测与任务提醒系统自动发送"))
        #expect(html.contains("本邮件由XX县巩固衔接领导小组办公室“底线”防返贫监测与任务提醒系统自动发送"))
        #expect(content.text.contains("联系电话：0791-1234567　电子邮箱：dixian@xx.gov.cn"))
    }

    @Test("an empty digest is an error")
    func empty() {
        let error = #expect(throws: RenderingError.self) { try DigestRenderer().render([]) }
        #expect(error?.code == .emptyDigest)
    }
}
