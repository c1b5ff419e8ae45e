import DixianCore
import Foundation
import Testing

@testable import DixianPlugins

/// Each test copies the shipped tree, breaks one line, and checks that loading fails naming exactly that
/// file, line and column (and nothing else).
@Suite struct BrokenPluginTests {
    @Test func unknownKeyInADutyIsReportedAtTheKey() throws {
        let fixture = try PluginFixture()
        let line =
            try fixture.replace(
                "    owner: {role: village_cadre}\n", with: "    owner: {role: village_cadre}\n    remindres: []\n",
                in: "employment") + 1
        let result = fixture.validate()
        #expect(result.set == nil)
        #expect(line == 106)
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/employment/plugin.yaml:106:5"])
        #expect(result.errors.first?.message == "未知的键 'remindres' (unknown key)")
        #expect(result.errors.first?.hint == "是不是 'reminders'? / did you mean 'reminders'?")
    }

    @Test func badRRULEIsReportedAtTheBadPartInsideTheString() throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace("BYMONTHDAY=15,-1", with: "BYMONTHDAY=15,0", in: "education")
        let result = fixture.validate()
        #expect(line == 120)
        // `    recurrence: {rrule: "FREQ=MONTHLY;BYMONTHDAY=15,0"}`: the 0 is column 53.
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/education/plugin.yaml:120:53"])
        #expect(result.errors.first?.message.contains("BYMONTHDAY 的值 0 超出范围") == true)
    }

    @Test func disallowedRRULEPartIsReportedWithAHint() throws {
        let fixture = try PluginFixture()
        try fixture.replace("BYMONTHDAY=15,-1", with: "BYMONTHDAY=15,-1;COUNT=3", in: "education")
        let result = fixture.validate()
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/education/plugin.yaml:120:56"])
        #expect(result.errors.first?.hint == "用 window.until 限定结束 / use window.until for the end")
    }

    @Test func unknownOwnerRoleIsReportedAtTheRoleWithASuggestion() throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace(
            "owner: {role: village_cadre}", with: "owner: {role: village_cadet}", in: "employment")
        let result = fixture.validate()
        #expect(line == 105)
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/employment/plugin.yaml:105:19"])
        #expect(result.errors.first?.message == "未知的角色 'village_cadet' (unknown role)")
        #expect(result.errors.first?.hint == "是不是 'village_cadre'? / did you mean 'village_cadre'?")
    }

    @Test func unknownEscalationRoleIsReportedAtTheRole() throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace(
            "- {after: \"+2d@09:00\", roles: [town_head]}", with: "- {after: \"+2d@09:00\", roles: [town_head, mayor]}",
            in: "employment")
        let result = fixture.validate()
        #expect(line == 115)
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/employment/plugin.yaml:115:49"])
    }

    @Test func danglingTemplateReferenceIsReportedAtTheTemplateID() throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace(
            "    reminder: duty-reminder", with: "    reminder: duty-remind", in: "education")
        let result = fixture.validate()
        #expect(line == 93)
        // The defaults' template is used by every duty, but it is one problem, reported once.
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/education/plugin.yaml:93:15"])
        #expect(result.errors.first?.hint == "是不是 'duty-reminder'? / did you mean 'duty-reminder'?")
    }

    @Test func duplicateDutyIDIsReportedAtTheRepeat() throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace(
            "  - id: transport_subsidy_october", with: "  - id: employment_data_update", in: "employment")
        let result = fixture.validate()
        #expect(line == 118)
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/employment/plugin.yaml:118:9"])
        #expect(result.errors.first?.hint == "首次出现在 / first at 98:9")
    }

    @Test func unknownParameterReferenceIsReportedAtTheReference() throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace("{day: $data_push_day}", with: "{day: $data_pushday}", in: "employment")
        let result = fixture.validate()
        #expect(line == 204)
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/employment/plugin.yaml:204:33"])
        #expect(result.errors.first?.hint == "是不是 'data_push_day'? / did you mean 'data_push_day'?")
    }

    @Test func unquotedTimeIsStillAStringButABadOneIsReported() throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace("  due_time: \"18:00\"", with: "  due_time: 18:60", in: "employment")
        let result = fixture.validate()
        #expect(line == 88)
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/employment/plugin.yaml:88:13"])
        #expect(result.errors.first?.message == "无效的时刻 '18:60' (invalid time of day)")
    }

    @Test func yearlyDateThatDoesNotExistEveryYear() throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace(
            "{yearly: {month: 11, day: 30}}", with: "{yearly: {month: 11, day: 31}}", in: "employment")
        let result = fixture.validate()
        #expect(line == 142)
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/employment/plugin.yaml:142:43"])
    }

    @Test func templateErrorsAreReportedInsideBlockScalars() throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace("工作要求：{{duty.description}}", with: "工作要求：{{duty.descriptoin}}", in: "employment")
        let result = fixture.validate()
        #expect(line == 253)
        // Inside the `text: |` block, indented 6 spaces: `工作要求：` is 5 scalars, so the tag is column 12.
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/employment/plugin.yaml:253:12"])
        #expect(result.errors.first?.hint == "是不是 'duty.description'? / did you mean 'duty.description'?")
    }

    @Test func chatMustNotCarrySignedLinks() throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace(
            "详情：{{links.view}}{{/links.view}}\n\n  duty-escalation",
            with: "详情：{{links.confirm}}{{/links.view}}\n\n  duty-escalation",
            in: "employment")
        let result = fixture.validate()
        #expect(line == 280)
        // `详情：{{links.confirm}}` at the end of the chat line, the same column `{{links.view}}` had.
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/employment/plugin.yaml:280:421"])
        #expect(result.errors.first?.message.contains("{{links.confirm}}") == true)
    }

    @Test func manyErrorsAcrossPluginsAreAllCollected() throws {
        let fixture = try PluginFixture()
        try fixture.replace("owner: {role: village_cadre}", with: "owner: {role: village_cadet}", in: "employment")
        try fixture.replace("BYMONTHDAY=15,-1", with: "BYMONTHDAY=15,0", in: "education")
        try fixture.writeOverride("nosuch", "format_version: 1\n")
        let result = fixture.validate()
        #expect(
            result.errorPositions(relativeTo: fixture.root) == [
                "overrides/nosuch.yaml:1:1",
                "plugins/education/plugin.yaml:120:53",
                "plugins/employment/plugin.yaml:105:19",
            ])
        #expect(throws: PluginLoadError.self) {
            try PluginLoader.load(pluginsDirectory: fixture.plugins, overridesDirectory: fixture.overrides)
        }
    }

    @Test func folderWithoutManifestAndMissingGovernance() throws {
        let fixture = try PluginFixture()
        try FileManager.default.removeItem(atPath: fixture.manifest("governance"))
        let result = fixture.validate()
        #expect(result.set == nil)
        let positions = result.errorPositions(relativeTo: fixture.root)
        #expect(positions.first == "plugins:1:1")
        #expect(positions.contains("plugins/governance:1:1"))
        #expect(result.errors.first?.message == "缺少 governance 插件 (the governance plugin is missing)")
        // Without the core catalogue every duty's roles are unknown: reported, not crashed on.
        #expect(result.errors.count > 20)
    }

    @Test func byteOrderMarkAndMissingSchemaCommentAreErrors() throws {
        let fixture = try PluginFixture()
        try fixture.replace("# yaml-language-server", with: "# yaml-language server", in: "water")
        let path = fixture.manifest("housing")
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
        try data.write(to: URL(fileURLWithPath: path))
        let result = fixture.validate()
        #expect(
            result.errorPositions(relativeTo: fixture.root) == [
                "plugins/housing/plugin.yaml:1:1", "plugins/water/plugin.yaml:1:1",
            ])
    }
}
