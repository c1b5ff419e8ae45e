import ArgumentParser
import DixianCore
import DixianDaemon
import DixianDatasets
import DixianPlugins
import DixianScreening
import DixianStore
import Foundation
import Logging

/// `dixian rules test`: a rule, or a condition being written, tried on a file before it goes live.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "筛查规则：上线前用数据文件试算规则 (try a screening rule on a file before it goes live).",
        discussion: """
            对文件的每一行计算规则条件：true 命中、false 未命中、null 数据缺失。只在临时表中计算，不改动任何已存数据，不产生预警。
            规则语言见 docs/RULES.md。--param 临时改一个参数（如 --param send_teaching_visits_per_month=3），不写入配置。
            --engine sql（默认）由 PostgreSQL 计算，与正式筛查相同；--engine memory 在本程序内计算，两者结果一致
            （条件读取人口台账 person./household. 字段时，memory 也交由数据库计算）。

            示例 (examples):
              dixian rules test compulsory_age_not_enrolled --plugin education --data 学籍.xlsx
              dixian rules test --when "visits < 3" --plugin education --dataset send_teaching_roster --data 送教.csv --format json

            退出码: 0 成功; 1 文件有问题、规则有误或数据库错误; 64 参数错误。
            """,
        subcommands: [Test.self])

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "试算一条规则 (evaluate one rule on a file).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("规则 id (rule id); 或用 --when", valueName: "RULE_ID")) var ruleID: String?
        @Option(help: ArgumentHelp("直接给出条件 (a condition instead of a rule id)", valueName: "EXPR")) var when: String?
        @Option(help: ArgumentHelp("插件 (plugin id)", valueName: "P")) var plugin: String
        @Option(help: ArgumentHelp("数据集 (dataset id); 用 --when 时必填", valueName: "D")) var dataset: String?
        @Option(help: ArgumentHelp("数据文件 (the data file), CSV 或 XLSX", valueName: "FILE")) var data: String
        @Option(help: ArgumentHelp("临时参数值 (a parameter value for this run), 可重复", valueName: "NAME=VALUE")) var param: [String] = []
        @Option(help: "计算方式 (engine): sql | memory") var engine: Engine = .sql
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        enum Engine: String, ExpressibleByArgument, CaseIterable { case sql, memory }

        func validate() throws {
            guard (ruleID == nil) != (when == nil) else {
                throw ValidationError("请给出规则 id 或 --when 之一 (give a rule id or --when, not both)")
            }
            if when != nil, dataset == nil { throw ValidationError("--when 需要 --dataset (--when needs --dataset)") }
        }

        func run() async throws {
            let running = try configurationOptions.loadRunning()
            let trial = try RuleTrial.prepare(
                running, plugin: plugin, ruleID: ruleID, when: when, datasetID: dataset, parameters: param)
            let file = try DataCommand.read(data)
            let table = ValidatedTable.read(file.bytes, dataset: trial.dataset)
            guard table.issues.isEmpty else {
                for line in table.issues.report() { print(line) }
                print("文件有问题，未试算 (the file has issues; nothing evaluated)")
                throw ExitCode.failure
            }
            let results = try await trial.evaluate(table.rows, engine: engine, running: running)
            try present(trial, table: table, results: results)
        }

        private func present(_ trial: RuleTrial, table: ValidatedTable, results: [Bool?]) throws {
            if format == .json {
                struct Row: Encodable { var row: Int; var result: Bool? }
                let rows = zip(table.rows, results).map { Row(row: $0.number, result: $1) }
                let data = try JSONEncoder().encode(rows)
                return print(String(decoding: data, as: UTF8.self))
            }
            let keys = trial.dataset.key.compactMap { name in trial.dataset.columns.firstIndex { $0.name == name } }
            printTable(
                ["行 ROW", "对象 KEY", "结果 RESULT"],
                zip(table.rows, results).map { row, result in
                    let key = keys.map { row.values[$0]?.description ?? "" }.joined(separator: " / ")
                    return [String(row.number), PersonalDataMask.maskingIDNumbers(in: key),
                            result.map { $0 ? "命中 true" : "未命中 false" } ?? "数据缺失 null"]
                })
            let hits = results.filter { $0 == true }.count
            let missing = results.filter { $0 == nil }.count
            print("共 \(results.count) 行：命中 \(hits)，未命中 \(results.count - hits - missing)，数据缺失 \(missing) (total)")
        }
    }
}
