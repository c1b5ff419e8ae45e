import DixianCore
import Foundation
import Testing

@testable import DixianPlugins

@Suite struct ShippedPluginsTests {
    static let expectedDutyCounts = [
        "credit": 7, "education": 7, "employment": 8, "governance": 37, "health": 6, "housing": 6, "water": 8,
    ]

    @Test func shippedTreeLoadsWithoutErrorsOrWarnings() throws {
        let result = PluginLoader.validate(pluginsDirectory: shippedPlugins, overridesDirectory: nil)
        #expect(result.diagnostics.map(\.description) == [])
        let set = try #require(result.set)
        #expect(
            Dictionary(uniqueKeysWithValues: set.plugins.map { ($0.id, $0.duties.count) }) == Self.expectedDutyCounts)
        #expect(set.plugins.map(\.id) == Self.expectedDutyCounts.keys.sorted())
    }
}

extension ShippedPluginsTests {
    @Test func effectiveValuesOfTheShippedTree() throws {
        let set = try PluginLoader.load(pluginsDirectory: shippedPlugins, overridesDirectory: nil)
        #expect(set.roles.count == 26)
        #expect(set.roles.first?.id == "city_office")
        #expect(set.role(id: "helper")?.binding == .household)
        let update = try #require(set.duty(qualifiedID: "employment.employment_data_update"))
        #expect(update.recurrence == .monthly(DayOfMonth(3)!))
        #expect(update.parameterReferences == ["recurrence.monthly.day": "employment_data_day"])
        #expect(update.dueOnRestDay == .keep)
        #expect(update.opens == .before(amount: 10, unit: .days))
        #expect(update.dueTime.description == "18:00")
        #expect(update.quantity?.target == 100)
        #expect(update.escalation.map(\.roles) == [["town_working_group"], ["town_head"], ["bureau_contact"]])
        #expect(update.channels == ["email", "chat"])
        let visits = try #require(set.duty(qualifiedID: "education.send_teaching_visits"))
        #expect(visits.recurrence == .rule(RecurrenceRule(frequency: .monthly, byMonthDay: [15, -1])))
        let governance = try #require(set.plugin(id: "governance"))
        #expect(governance.duties.filter { !$0.isEnabled }.map(\.id) == [
            "campaign_mobilise", "campaign_weekly_dispatch", "campaign_rectification_report", "campaign_acceptance",
            "review_deploy", "review_self_check", "review_town_report", "review_county_report",
        ])
        #expect(set.role(id: "county_party_office")?.onBehalfOf == "county_party_secretary")
        #expect(set.role(id: "town_head")?.title?.text(forUnitNamed: "东关街道") == "办事处主任")
        #expect(try #require(set.duty(qualifiedID: "governance.standing_committee_meeting")).owner.role == "county_party_office")
        #expect(governance.duties.filter { $0.recurrence.eventTrigger != nil }.count == 4)
        #expect(governance.parameter(named: "campaign_rectify_date")?.value == .date(CalendarDate(year: 2024, month: 8, day: 15)!))
        let plugin = try #require(set.plugin(id: "employment"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: plugin.file))
        #expect(plugin.contentHash == ContentHash.sha256(bytes))
        #expect(plugin.contentHash.count == 64)
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(ContentHash.sha256(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentHash.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            ContentHash.sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            ContentHash.sha256([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
