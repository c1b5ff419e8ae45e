import DixianScheduling
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// `dixian duty …` as a real process against a fresh database holding the demo county and a
/// hand-made schedule around the real clock (``ScheduleTestPlan``).
@Suite("dixian duty, end to end")
struct DutyCommandTests {
    /// A configuration file naming the test database, and a way to run `dixian` with it.
    struct CLI {
        let config: String

        init(_ endpoint: DatabaseEndpoint) throws {
            let work = try makeWorkDirectory("duty-cli")
            self.config = work + "/dixian.yaml"
            let yaml = """
                timezone: Asia/Shanghai
                state_dir: \(work)/var
                database:
                  url: "\(endpoint.description)"
                plugins:
                  dir: \(DixianBinary.packageRoot)/plugins

                """
            try yaml.write(toFile: self.config, atomically: true, encoding: .utf8)
        }

        func run(_ arguments: String...) async throws -> CommandResult { try await self.run(arguments) }

        func run(_ arguments: [String]) async throws -> CommandResult {
            try await CommandResult.run(["duty"] + arguments + ["--config", self.config])
        }

        func list(_ arguments: String...) async throws -> [OccurrenceRecord] {
            let result = try await CommandResult.run(["duty", "list", "--format", "json"] + arguments + ["--config", self.config])
            guard result.status == 0 else { throw TestSupportError("duty list failed: \(result.errorOutput)") }
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode([OccurrenceRecord].self, from: Data(result.output.utf8))
        }
    }

    static func withPlan(_ body: @escaping @Sendable (CLI, ScheduleTestPlan) async throws -> Void) async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let plan = try await TestDatabase.withClient(endpoint) { client in
                try await ScheduleTestPlan.install(client: client)
            }
            try await body(try CLI(endpoint), plan)
        }
    }

    @Test("list filters by org subtree, status (overdue vs open on the real clock) and duty")
    func listFilters() async throws {
        try await Self.withPlan { cli, plan in
            let all = try await cli.list()
            #expect(Set(all.map(\.id)) == [plan.overdueID, plan.openID, plan.notYetOpenID, plan.otherTownID])
            #expect(all.map(\.id).first == plan.overdueID, "earliest due first")

            let town = try await cli.list("--org", String(plan.firstTown.rawValue.prefix(9)))
            #expect(Set(town.map(\.id)) == [plan.overdueID, plan.openID, plan.notYetOpenID])
            #expect(try await cli.list("--org", plan.otherTown.rawValue).map(\.id) == [plan.otherTownID])

            #expect(try await cli.list("--status", "overdue").map(\.id) == [plan.overdueID])
            #expect(Set(try await cli.list("--status", "open").map(\.id)) == [plan.openID, plan.notYetOpenID, plan.otherTownID])
            #expect(try await cli.list("--duty", "test.report").map(\.id) == [plan.otherTownID])
            #expect(try await cli.list("--limit", "2").count == 2)

            let table = try await cli.run("list", "--org", plan.firstTown.rawValue)
            #expect(table.status == 0, "\(table.errorOutput)")
            for column in ["编号", "任务", "单位", "期次", "截止", "状态", "目标", "完成"] {
                #expect(table.output.contains(column), "\(column) in\n\(table.output)")
            }
            #expect(table.output.contains("已逾期"))
            #expect(table.output.contains("≥ 12"))
            #expect(table.output.contains("共 3 期任务"))
            #expect(table.output.range(of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, options: .regularExpression) != nil)

            let bad = try await cli.run("list", "--status", "late")
            #expect(bad.status != 0)
        }
    }

    @Test("done with --count, --note and --by records them and cancels pending reminders; show lists them")
    func doneWithOfficial() async throws {
        try await Self.withPlan { cli, plan in
            let id = String(plan.openID)
            let done = try await cli.run("done", id, "--count", "15", "--note", "已走访15户", "--by", plan.cadreID)
            #expect(done.status == 0, "\(done.errorOutput)")
            #expect(done.output.contains("已确认完成"))
            #expect(done.output.contains("完成 15 / 目标 ≥ 12(达标)"))
            #expect(done.output.contains("已取消"))

            let record = try #require(try await cli.list("--status", "done").first)
            #expect(record.id == plan.openID)
            #expect(record.achieved == 15)
            #expect(record.targetMet == true)
            #expect(record.note == "已走访15户")
            #expect(record.completedBy == plan.cadreID)
            #expect(record.completionChannel == .cli)

            let show = try await cli.run("show", id)
            #expect(show.status == 0, "\(show.errorOutput)")
            #expect(show.output.contains("已完成"))
            #expect(show.output.contains("已取消"))
            #expect(!show.output.contains("待发送"))
            #expect(show.output.contains("done  \(plan.cadreID) (cli)"))

            let json = try await cli.run("show", id, "--format", "json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
            let messages = try #require(object["messages"] as? [[String: Any]])
            #expect(!messages.isEmpty)
            #expect(messages.allSatisfy { $0["status"] as? String == "cancelled" })
            #expect((object["audit"] as? [Any])?.count == 1)
        }
    }

    @Test("done without --by records the operator; a second done is refused and changes nothing")
    func doneTwice() async throws {
        try await Self.withPlan { cli, plan in
            let id = String(plan.overdueID)
            let first = try await cli.run("done", id)
            #expect(first.status == 0, "\(first.errorOutput)")
            #expect(first.output.contains("操作人 cli:"))
            let record = try #require(try await cli.list("--status", "done").first)
            #expect(record.completedBy?.hasPrefix("cli:") == true)

            let second = try await cli.run("done", id, "--note", "again")
            #expect(second.status == 1)
            #expect(second.errorOutput.contains("已完成"), "\(second.errorOutput)")
            #expect(try await cli.list("--status", "done").first?.note == nil)
        }
    }

    @Test("refusals: unknown id, not open yet, unknown official, bad --count — exit non-zero, nothing changes")
    func refusals() async throws {
        try await Self.withPlan { cli, plan in
            let unknown = try await cli.run("done", "999999")
            #expect(unknown.status == 1)
            #expect(unknown.errorOutput.contains("没有编号为 999999 的任务"))
            #expect(try await cli.run("show", "999999").status == 1)

            let early = try await cli.run("done", String(plan.notYetOpenID))
            #expect(early.status == 1)
            #expect(early.errorOutput.contains("尚未开放"))

            let stranger = try await cli.run("done", String(plan.openID), "--by", "NOBODY-9")
            #expect(stranger.status == 1)
            #expect(stranger.errorOutput.contains("组织目录中没有干部"))

            for count in ["-1", "12abc", "1.2.3", "", "abc"] {
                let bad = try await cli.run("done", String(plan.openID), "--count", count)
                #expect(bad.status != 0, "--count \(count)")
            }
            #expect(try await cli.list("--status", "done").isEmpty)
            #expect(try await cli.list("--status", "waived").isEmpty)
        }
    }

    @Test("waive needs a non-empty reason; a waived occurrence cannot be done")
    func waive() async throws {
        try await Self.withPlan { cli, plan in
            let id = String(plan.otherTownID)
            #expect(try await cli.run("waive", id).status != 0)
            #expect(try await cli.run("waive", id, "--reason", "   ").status != 0)
            #expect(try await cli.list("--status", "waived").isEmpty)

            let waived = try await cli.run("waive", id, "--reason", "该村已撤并")
            #expect(waived.status == 0, "\(waived.errorOutput)")
            #expect(waived.output.contains("已豁免"))
            #expect(waived.output.contains("理由: 该村已撤并"))
            let record = try #require(try await cli.list("--status", "waived").first)
            #expect(record.id == plan.otherTownID)
            #expect(record.note == "该村已撤并")

            let done = try await cli.run("done", id)
            #expect(done.status == 1)
            #expect(done.errorOutput.contains("已豁免"))
        }
    }

    @Test("help explains in Chinese first, with examples")
    func help() async throws {
        let help = try await CommandResult.run(["duty", "--help"])
        #expect(help.output.contains("工作任务"))
        #expect(help.output.contains("dixian duty done 1234"))
        let done = try await CommandResult.run(["help", "duty", "done"])
        #expect(done.output.contains("--count"))
    }
}
