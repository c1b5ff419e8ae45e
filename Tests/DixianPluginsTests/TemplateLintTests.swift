import Testing

@testable import DixianPlugins

@Suite struct TemplateLintTests {
    func issues(_ text: String, part: String = "text", parameters: Set<String> = ["visits"]) -> [String] {
        TemplateLint(text: text, part: part, parameters: parameters).issues.map { "\($0.offset): \($0.message)" }
    }

    @Test func validTemplatesHaveNoIssues() {
        let text =
            "{{! note }}{{#quantity}}{{quantity.target}}{{/quantity}}{{^case}}-{{/case}}{{param.visits}}"
            + "{{#evidence.items}}{{.}}{{/evidence.items}}"
        #expect(issues(text).isEmpty)
        #expect(TemplateLint(text: text, part: "text", parameters: ["visits"]).usedNames.contains("param.visits"))
    }

    @Test func forbiddenTagsUnknownNamesAndBalance() {
        #expect(issues("a{{{x}}}") == ["1: 不允许三重花括号 {{{…}}} (triple mustaches are not allowed)"])
        #expect(issues("{{&x}}{{> p}}{{=<% %>=}}").count == 3)
        #expect(issues("ab{{nope}}").first?.hasPrefix("2: 未知的模板变量 'nope'") == true)
        #expect(issues("{{param.other}}").first?.hasPrefix("0: 未声明的参数 'other'") == true)
        #expect(issues("{{#quantity}}x{{/case}}").count == 2)  // wrong close, then unclosed
        #expect(
            issues("{{#quantity}}{{.}}{{/quantity}}") == ["13: {{.}} 只能用在列表区块内 (only inside a section over a list)"])
        #expect(issues("{{Bad Name}}").first?.hasPrefix("0: 无效的变量名") == true)
    }

    @Test func chatAndSubjectRules() {
        #expect(issues("你好{{recipient.name}}", part: "chat").count == 1)
        // Each forbidden name once, however often it is used.
        #expect(issues("{{#household}}{{household.masked_id}}{{/household}}", part: "chat").count == 2)
        #expect(issues("{{links.confirm}}", part: "chat").count == 1)
        #expect(issues("{{links.confirm}}", part: "text").isEmpty)
        #expect(
            issues("号码 11010519491231002X 已处理", part: "chat") == ["3: 群聊文本中不能出现身份证号 (ID number literal in chat text)"])
        #expect(issues("12345678901234567", part: "chat").isEmpty)
        #expect(issues("第一行\n第二行", part: "subject").count == 1)
        #expect(issues("单行\n", part: "subject").isEmpty)
    }
}
