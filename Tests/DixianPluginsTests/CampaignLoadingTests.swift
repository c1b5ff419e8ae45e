import DixianCore
import Foundation
import Testing

@testable import DixianPlugins

/// Campaigns (专项整改): the shipped one follows seed 003's dates through parameters an override moves; phase order,
/// parameter types and unique ids are checked at load.
@Suite struct CampaignLoadingTests {
    @Test("the shipped campaign carries seed 003's phases: 7月25日, 8月15日, 9月10日")
    func shippedCampaign() throws {
        let result = try PluginFixture().validate()
        let set = try #require(result.set, "\(result.errors)")
        let campaign = try #require(set.campaign(id: "assessment_feedback"))
        #expect(campaign.mobiliseBy == CalendarDate(year: 2024, month: 7, day: 25))
        #expect(campaign.rectifyBy == CalendarDate(year: 2024, month: 8, day: 15))
        #expect(campaign.acceptanceUntil == CalendarDate(year: 2024, month: 9, day: 10))
        #expect(campaign.year == 2024 && campaign.subject == "巩固拓展脱贫攻坚成果同乡村振兴有效衔接")
        #expect(campaign.phase(on: CalendarDate(year: 2024, month: 8, day: 1)!) == "集中排查整改")
        #expect(campaign.phase(on: CalendarDate(year: 2024, month: 9, day: 1)!) == "验收总结")
    }

    @Test("an override moving the parameters moves the campaign")
    func overrideMovesDates() throws {
        let fixture = try PluginFixture()
        try fixture.writeOverride(
            "governance",
            """
            # yaml-language-server: $schema=../../plugins/override.schema.json
            format_version: 1
            parameters:
              campaign_start: "2026-07-01"
              campaign_mobilise_date: "2026-07-10"
              campaign_rectify_date: "2026-08-31"
              campaign_acceptance_end: "2026-09-30"

            """)
        let set = try #require(fixture.validate().set)
        let campaign = try #require(set.campaign(id: "assessment_feedback"))
        #expect(campaign.year == 2026 && campaign.rectifyBy == CalendarDate(year: 2026, month: 8, day: 31))
    }

    @Test("phases out of order are an error at the later date's line")
    func phasesOutOfOrder() throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace("rectify_by: $campaign_rectify_date", with: "rectify_by: \"2024-07-01\"", in: "governance")
        let result = fixture.validate()
        #expect(result.set == nil || !result.errors.isEmpty)
        let error = try #require(result.errors.first { $0.message.contains("phases out of order") }, "\(result.errors)")
        #expect(error.line == line)
    }

    @Test("a campaign date naming a non-date parameter, and a duplicate campaign id, are errors")
    func wrongTypeAndDuplicate() throws {
        let fixture = try PluginFixture()
        fixture.replaceOrFail("start: $campaign_start", with: "start: $alert_verify_days")
        let wrongType = fixture.validate()
        #expect(wrongType.errors.contains { $0.message.contains("alert_verify_days") && $0.message.contains("date") }, "\(wrongType.errors)")

        let second = try PluginFixture()
        try second.replace(
            "campaigns:\n",
            with: "campaigns:\n  - {id: assessment_feedback, title: 重复, subject: 重复, start: \"2024-01-01\", rectify_by: \"2024-02-01\"}\n",
            in: "governance")
        let duplicate = second.validate()
        #expect(duplicate.errors.contains { $0.message.contains("duplicate campaign id") }, "\(duplicate.errors)")
    }
}

extension PluginFixture {
    fileprivate func replaceOrFail(_ old: String, with new: String) {
        _ = try? replace(old, with: new, in: "governance")
    }
}
