import DixianCore
import DixianScreening
import Foundation
import Testing

@testable import DixianPlugins

/// The loader type-checks every rule's `when` and reports an error at the exact column inside the string.
@Suite struct RuleConditionLoadingTests {
    @Test("a type error in when is reported at file:line:column of the operator")
    func typeErrorColumn() throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace("> params.quality_test_max_months", with: "> 2.5", in: "water")
        let result = fixture.validate()
        let text = try String(contentsOfFile: "\(fixture.root)/plugins/water/plugin.yaml", encoding: .utf8)
        let written = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        let column = try #require(written.unicodeScalars.firstIndex(of: ">")).utf16Offset(in: written) + 1
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/water/plugin.yaml:\(line):\(column)"])
        #expect(result.errors.first?.message.contains("整数") == true, "\(result.errors)")
    }

    @Test("every shipped rule compiles, with the parameters it reads counted as used")
    func shippedRulesCompile() throws {
        let fixture = try PluginFixture()
        let result = fixture.validate()
        let set = try #require(result.set, "\(result.errors)")
        let rules = set.plugins.flatMap(\.rules)
        #expect(rules.count >= 14)
        #expect(rules.allSatisfy { $0.compiledCondition != nil })
        let water = try #require(set.plugins.first { $0.id == "water" })
        let quality = try #require(water.rules.first { $0.id == "works_quality_test_due_or_failed" })
        #expect(quality.compiledCondition?.expression.parameters == ["quality_test_max_months"])
        #expect(!result.diagnostics.contains { $0.message.contains("quality_test_max_months") })
    }
}
