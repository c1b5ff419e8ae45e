import Foundation
import Testing

@testable import DixianLinks

@Suite("Confirmation pages")
struct ConfirmationPageTests {
    static let quantity = ConfirmationPage.Quantity(
        measure: "走访户数", target: 20, targetText: "20", unit: "户", comparison: .atLeast
    )
    static let occurrence = ConfirmationPage.Occurrence(
        dutyTitle: "防返贫监测信息月度更新", unitName: "七家镇", periodLabel: "2026年7月", dueDate: "2026年7月31日",
        dueTime: "18:00", statusText: "待完成", quantity: quantity
    )
    let page = ConfirmationPage(footer: "如有疑问，请联系县乡村振兴局")

    /// Self-contained: no scripts, no external resources.
    func expectSelfContained(_ html: String) {
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("name=\"viewport\""))
        for forbidden in ["<script", "src=", "href=", "http:", "https:", "@import", "url("] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
    }

    @Test("the GET page shows the duty and a form posting back to the same address")
    func form() {
        let html = page.renderForm(Self.occurrence)
        expectSelfContained(html)
        for text in ["防返贫监测信息月度更新", "七家镇", "2026年7月", "2026年7月31日 18:00", "待完成", "确认已完成",
                     "如有疑问，请联系县乡村振兴局"] {
            #expect(html.contains(text), "\(text)")
        }
        #expect(html.contains("<form method=\"post\""))
        #expect(!html.contains("action="))
        #expect(html.contains("name=\"achieved\""))
        #expect(html.contains("inputmode=\"decimal\""))
        #expect(html.contains(">走访户数（户）</label>"))
        #expect(html.contains("目标：不少于20户"))
        #expect(html.contains("name=\"note\""))
        #expect(html.contains("maxlength=\"2000\""))
        #expect(html.contains("<button type=\"submit\">确认已完成</button>"))
    }

    @Test("without a quantity target there is no number field")
    func formWithoutQuantity() {
        var occurrence = Self.occurrence
        occurrence.quantity = nil
        let html = page.renderForm(occurrence)
        #expect(!html.contains("name=\"achieved\""))
        #expect(html.contains("name=\"note\""))
    }

    @Test("an upper-bound target reads 不超过")
    func atMost() {
        var occurrence = Self.occurrence
        occurrence.quantity = .init(measure: "逾期件数", target: 2, unit: "件", comparison: .atMost)
        #expect(page.renderForm(occurrence).contains("目标：不超过2件"))
    }

    @Test("every value is HTML-escaped, in text and in attributes")
    func escaping() {
        let evil = "<script>alert(\"x\")</script>&'"
        let occurrence = ConfirmationPage.Occurrence(
            dutyTitle: evil, unitName: evil, periodLabel: evil, dueDate: evil, dueTime: evil, statusText: evil,
            quantity: .init(measure: evil, target: 1, targetText: evil, unit: evil, comparison: .atLeast)
        )
        let problem = ConfirmationFormError(.notANumber, evil, achievedText: "\"><b>", noteText: "</textarea><b>")
        let html = ConfirmationPage(footer: evil).renderForm(occurrence, problem: problem)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"))
        #expect(html.contains("value=\"&quot;&gt;&lt;b&gt;\""))
        #expect(html.contains("&lt;/textarea&gt;&lt;b&gt;</textarea>"))
        for outcome: ConfirmationPage.Outcome in [.confirmed(achieved: 3), .closed] {
            #expect(!page.renderResult(outcome, occurrence: occurrence).contains("<script"))
        }
    }

    @Test("a rejected submission shows the form again with its message and values")
    func problem() {
        let problem = ConfirmationFormError(.notANumber, "完成数应为数字。", achievedText: "二十", noteText: "已走访")
        let html = page.renderForm(Self.occurrence, problem: problem)
        #expect(html.contains("role=\"alert\">完成数应为数字。</p>"))
        #expect(html.contains("value=\"二十\""))
        #expect(html.contains(">已走访</textarea>"))
    }

    @Test("result pages", arguments: [
        (ConfirmationPage.Outcome.confirmed(achieved: nil), "已确认完成"), (.expired, "链接已过期"),
        (.alreadyUsed, "链接已使用"), (.invalid, "链接无效"), (.closed, "任务已完成或已豁免"),
    ])
    func results(_ outcome: ConfirmationPage.Outcome, _ title: String) {
        for occurrence in [Self.occurrence, nil] {
            let html = page.renderResult(outcome, occurrence: occurrence)
            expectSelfContained(html)
            #expect(html.contains("<title>\(title) - 底线</title>"))
            #expect(html.contains("<h1>\(title)</h1>"))
            #expect(!html.contains("<form"))
            #expect(html.contains("七家镇") == (occurrence != nil))
        }
    }

    @Test("confirmed with a quantity says whether the target was met", arguments: [
        (ConfirmationPage.Quantity.Comparison.atLeast, "20", "已达标"), (.atLeast, "19.5", "未达标"),
        (.atMost, "20", "已达标"), (.atMost, "21", "未达标"),
    ])
    func verdict(_ comparison: ConfirmationPage.Quantity.Comparison, _ achieved: String, _ verdict: String) {
        var occurrence = Self.occurrence
        occurrence.quantity?.comparison = comparison
        let html = page.renderResult(.confirmed(achieved: Decimal(string: achieved)), occurrence: occurrence)
        #expect(html.contains("走访户数：\(achieved)户。目标\(comparison.text)20户，"))
        #expect(html.contains(verdict))
        let blank = page.renderResult(.confirmed(achieved: nil), occurrence: occurrence)
        #expect(blank.contains("未填写走访户数"))
    }

    @Test("a refused token maps to 链接已过期 or 链接无效, nothing finer")
    func outcomeOfError() {
        #expect(ConfirmationPage.Outcome(.expired(at: 0)) == .expired)
        for error in [ActionLinkError.badSignature, .malformed("x"), .wrongVersion(3)] {
            #expect(ConfirmationPage.Outcome(error) == .invalid)
        }
    }

    @Test("response headers keep the token out of caches and Referer")
    func headers() {
        let headers = Dictionary(uniqueKeysWithValues: ConfirmationPage.responseHeaders.map { ($0.name, $0.value) })
        #expect(headers["Cache-Control"] == "no-store")
        #expect(headers["Referrer-Policy"] == "no-referrer")
        #expect(headers["Content-Type"] == "text/html; charset=utf-8")
    }
}
