import DixianCore
import DixianDirectory
import DixianPlugins
import DixianScheduling
import Foundation
import Testing

/// The planner plans a channel only for recipients it can reach (issue 16): an email channel needs the
/// official's address, a group chat needs nothing; fallback channels stand in; the rest is reported.
@Suite("Who the plan can reach")
struct ReachabilityTests {
    static let reach: [ChannelName: ChannelReach] = ["email": .emailAddress, "chat": .group]

    /// The demo county's plugins with the employment plugin's channels overridden.
    static func plugins(employment override: String) throws -> PluginSet {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reach-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(("format_version: 1\n" + override).utf8).write(to: directory.appendingPathComponent("employment.yaml"))
        return try PluginLoader.load(
            pluginsDirectory: Fixtures.root.appendingPathComponent("plugins").path, overridesDirectory: directory.path)
    }

    static func plan(_ plugins: PluginSet) -> SchedulePlan {
        var context = Fixtures.context
        context.channelReach = reach
        let planner = SchedulePlanner(plugins: plugins, directory: Fixtures.directory, context: context)
        return planner.plan(from: Fixtures.at("2026-07-01", 0), through: Fixtures.day("2026-07-31"))
    }

    static var emailless: Set<String> {
        Set(Fixtures.county.officials.filter { $0.active && ($0.email ?? "").isEmpty }.map(\.id))
    }

    @Test("an official without an email address gets the chat message only, and nobody is unreachable")
    func chatStillReaches() throws {
        let plan = Self.plan(Fixtures.plugins)
        let emailless = Self.emailless
        #expect(!emailless.isEmpty, "the demo county has officials without an email address")
        #expect(!plan.notifications.contains { $0.channel == "email" && emailless.contains($0.recipientID) })
        #expect(plan.notifications.contains { $0.channel == "chat" && emailless.contains($0.recipientID) })
        #expect(plan.unreachable.isEmpty)
    }

    @Test("email only: officials without an address are reported once per duty, and get nothing")
    func emailOnlyIsReported() throws {
        let plan = Self.plan(try Self.plugins(employment: "channels: [email]\n"))
        let emailless = Self.emailless
        let employment = plan.notifications.filter { $0.occurrenceKey.hasPrefix("employment.") }
        #expect(!employment.isEmpty)
        #expect(employment.allSatisfy { $0.channel == "email" && !emailless.contains($0.recipientID) })
        #expect(!plan.unreachable.isEmpty)
        #expect(plan.unreachable.allSatisfy { $0.dutyID.hasPrefix("employment.") && emailless.contains($0.officialID) })
        #expect(plan.unreachable.allSatisfy { $0.channels == ["email"] })
        #expect(Set(plan.unreachable.map { "\($0.dutyID)/\($0.officialID)" }).count == plan.unreachable.count, "once per duty and official")
        #expect(plan.warnings.contains { $0.contains("无法送达") && $0.contains("fallback_channels") })
    }

    @Test("fallback channels stand in for the ones that cannot reach")
    func fallbackStandsIn() throws {
        let plan = Self.plan(try Self.plugins(employment: "channels: [email]\nfallback_channels: [chat]\n"))
        let emailless = Self.emailless
        let employment = plan.notifications.filter { $0.occurrenceKey.hasPrefix("employment.") }
        #expect(employment.contains { $0.channel == "chat" && emailless.contains($0.recipientID) })
        #expect(!employment.contains { $0.channel == "chat" && !emailless.contains($0.recipientID) }, "only where email cannot reach")
        #expect(plan.unreachable.isEmpty)
    }

    @Test("without channel requirements every channel reaches everyone, as before")
    func noRequirements() {
        let planner = SchedulePlanner(plugins: Fixtures.plugins, directory: Fixtures.directory, context: Fixtures.context)
        let plan = planner.plan(from: Fixtures.at("2026-07-01", 0), through: Fixtures.day("2026-07-31"))
        #expect(plan.notifications.contains { $0.channel == "email" && Self.emailless.contains($0.recipientID) })
    }
}
