import DixianCore
import Foundation
import Testing

@testable import DixianPlugins

@Suite struct OverrideTests {
    @Test func validOverrideIsApplied() throws {
        let fixture = try PluginFixture()
        try fixture.writeOverride(
            "employment",
            """
            # yaml-language-server: $schema=../../plugins/override.schema.json
            format_version: 1
            channels: [email]
            parameters:
              employment_data_day: 5
              transport_subsidy_rate_oct: 85.5
            duties:
              employment_data_update:
                reminders: ["-2d@09:00", "0d@08:30"]
                escalation:
                  - {after: "+1d@09:00", roles: [town_working_group]}
                  - {after: "+3d@09:00", roles: [bureau_contact]}
                also_notify: [town_office]
                channels: [email, chat]
              skills_training_ledger:
                enabled: false

            """)
        let result = fixture.validate()
        #expect(result.errors.isEmpty)
        let plugin = try #require(result.set?.plugin(id: "employment"))
        #expect(plugin.overrideFile == fixture.overrides + "/employment.yaml")
        #expect(plugin.overrideHash?.count == 64)
        let update = try #require(plugin.duty(id: "employment_data_update"))
        #expect(update.recurrence == .monthly(DayOfMonth(5)!))
        #expect(update.reminders.map(\.description) == ["-2d@09:00", "0d@08:30"])
        #expect(update.escalation.map(\.roles) == [["town_working_group"], ["bureau_contact"]])
        #expect(update.alsoNotify == ["town_office"])
        #expect(update.channels == ["email", "chat"])
        #expect(plugin.duty(id: "transport_subsidy_october")?.channels == ["email"])
        #expect(plugin.duty(id: "transport_subsidy_october")?.quantity?.target == Decimal(string: "85.5"))
        #expect(plugin.duty(id: "skills_training_ledger")?.isEnabled == false)
        #expect(plugin.parameter(named: "employment_data_day")?.isOverridden == true)
        #expect(plugin.parameter(named: "transport_subsidy_rate_oct")?.formattedValue == "85.5")
    }

    @Test func parameterOutOfRangeIsReportedAtTheOverrideValue() throws {
        let fixture = try PluginFixture()
        try fixture.writeOverride("employment", "format_version: 1\nparameters:\n  employment_data_day: 12\n")
        let result = fixture.validate()
        #expect(result.set == nil)
        #expect(result.errorPositions(relativeTo: fixture.root) == ["overrides/employment.yaml:3:24"])
        #expect(result.errors.first?.message == "取值 12 大于最大值 10 (above max)")
    }

    @Test func parameterOfTheWrongTypeIsNotCoerced() throws {
        let fixture = try PluginFixture()
        try fixture.writeOverride(
            "employment", "format_version: 1\nparameters:\n  employment_data_day: \"5\"\n  workshop_min_share: 30.125\n"
        )
        let result = fixture.validate()
        #expect(
            result.errorPositions(relativeTo: fixture.root) == [
                "overrides/employment.yaml:3:24", "overrides/employment.yaml:4:23",
            ])
        #expect(result.errors.first?.hint == "去掉引号 / remove the quotes")
        #expect(result.errors.last?.message == "最多两位小数 (at most two decimals)")
    }

    @Test func overrideValuesAreCheckedWhereTheyAreUsed() throws {
        let fixture = try PluginFixture()
        // monthly_report_day has no bounds; 0 is a valid integer but not a day of the month.
        try fixture.writeOverride("governance", "format_version: 1\nparameters:\n  monthly_report_day: 0\n")
        let result = fixture.validate()
        #expect(result.errorPositions(relativeTo: fixture.root) == ["overrides/governance.yaml:3:23"])
        #expect(result.errors.first?.message == "日期不能为 0 (day 0 is not a day of the month)")
        #expect(
            result.errors.first?.hint
                == "值来自参数 $monthly_report_day / the value comes from parameter $monthly_report_day")
    }

    @Test func overrideForAMissingPluginIsAnError() throws {
        let fixture = try PluginFixture()
        try fixture.writeOverride("educaton", "format_version: 1\nenabled: false\n")
        let result = fixture.validate()
        #expect(result.set == nil)
        #expect(result.errorPositions(relativeTo: fixture.root) == ["overrides/educaton.yaml:1:1"])
        #expect(result.errors.first?.hint == "是不是 'education'? / did you mean 'education'?")
    }

    @Test func unknownDutyParameterRoleAndChannelInAnOverride() throws {
        let fixture = try PluginFixture()
        try fixture.writeOverride(
            "employment",
            """
            format_version: 1
            channel: [email]
            parameters:
              employment_day: 5
            duties:
              employment_data_updat:
                enabled: false
              sector_data_push:
                also_notify: [village_cadre, county_clerk]
                channels: [wechat]
                escalation:
                  - {after: "+1d@09:00", roles: [town_head]}
                  - {after: "+1d@09:00", roles: [county_office]}

            """)
        let result = fixture.validate()
        #expect(
            result.errorPositions(relativeTo: fixture.root) == [
                "overrides/employment.yaml:2:1",  // unknown key `channel`
                "overrides/employment.yaml:4:3",  // unknown parameter
                "overrides/employment.yaml:6:3",  // unknown duty
                "overrides/employment.yaml:9:19",  // village_cadre is below the county-level owner
                "overrides/employment.yaml:9:34",  // unknown role
                "overrides/employment.yaml:10:16",  // undefined channel
                "overrides/employment.yaml:12:38",  // town_head is below the owner (bureau_contact, county)
                "overrides/employment.yaml:13:17",  // not strictly increasing
            ])
    }

    @Test func disablingAPluginKeepsItsRoles() throws {
        let fixture = try PluginFixture()
        try fixture.writeOverride("health", "format_version: 1\nenabled: false\n")
        let set = try PluginLoader.load(pluginsDirectory: fixture.plugins, overridesDirectory: fixture.overrides)
        #expect(set.plugin(id: "health")?.isEnabled == false)
        #expect(set.plugin(id: "health")?.enabledDuties.isEmpty == true)
        #expect(set.role(id: "health_village_doctor")?.level == .village)
    }

    @Test func ymlOverrideIsNotSilentlyIgnored() throws {
        let fixture = try PluginFixture()
        try "format_version: 1\n".write(toFile: fixture.overrides + "/health.yml", atomically: true, encoding: .utf8)
        let result = fixture.validate()
        #expect(result.errorPositions(relativeTo: fixture.root) == ["overrides/health.yml:1:1"])
    }

    @Test func shippedExampleOverridesAreValid() throws {
        let examples = repositoryRoot + "/config/plugins/examples"
        let result = PluginLoader.validate(pluginsDirectory: shippedPlugins, overridesDirectory: examples)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.set?.plugins.contains { $0.overrideFile != nil } == true)
    }
}
