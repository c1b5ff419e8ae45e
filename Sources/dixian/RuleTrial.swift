import ArgumentParser
import DixianCore
import DixianDaemon
import DixianDatasets
import DixianPlugins
import DixianScreening
import DixianStore
import Foundation
import Logging

/// A rule made ready to try: its dataset, its checked condition and the parameter values of the trial.
struct RuleTrial {
    var dataset: Dataset
    var layout: DatasetTableLayout
    var condition: RuleCondition
    var context: ScreeningContext

    static func prepare(
        _ running: RunningConfiguration, plugin pluginID: String, ruleID: String?, when: String?, datasetID: String?,
        parameters: [String]
    ) throws -> RuleTrial {
        guard let plugin = running.plugins.plugins.first(where: { $0.id == pluginID }) else {
            throw ValidationError("没有插件 \(pluginID) (no such plugin)")
        }
        let rule = ruleID.flatMap { id in plugin.rules.first { $0.id == id } }
        if let ruleID, rule == nil {
            throw ValidationError("插件 \(pluginID) 没有规则 \(ruleID) (no such rule): \(plugin.rules.map(\.id).joined(separator: ", "))")
        }
        let name = rule?.dataset ?? datasetID ?? ""
        guard let dataset = plugin.datasets.first(where: { $0.id == name }) else {
            throw ValidationError("插件 \(pluginID) 没有数据集 \(name) (no such dataset)")
        }
        let types = Dictionary(uniqueKeysWithValues: plugin.parameters.compactMap { parameter in
            Parameter.screeningType(of: parameter.kind, item: parameter.itemKind).map { (parameter.name, $0) }
        })
        let schema = RuleSchema(columns: dataset.columns.map { .init(name: $0.name, type: $0.kind.screeningType) }, parameters: types)
        let condition: RuleCondition
        do {
            condition = try RuleCondition(when ?? rule?.condition ?? "", schema: schema)
        } catch {
            throw ValidationError("条件有误，第 \(error.offset + 1) 个字符：\(error.message)" + (error.hint.map { "\n  提示: \($0)" } ?? ""))
        }
        var values = Screener.screeningParameters(plugin)
        for assignment in parameters {
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let type = types[parts[0]] else {
                throw ValidationError("--param 应为 已声明的参数名=值 (NAME=VALUE of a declared parameter): \(assignment)")
            }
            guard let value = Self.value(parts[1], as: type) else {
                throw ValidationError("--param \(parts[0]) 的值不是\(type) (not a \(type)): \(parts[1])")
            }
            values[parts[0]] = value
        }
        let asOf = Date().localDate(in: running.configuration.zone)
        return RuleTrial(
            dataset: dataset, layout: .dataset(dataset, plugin: plugin.id), condition: condition,
            context: ScreeningContext(asOf: asOf, parameters: values))
    }

    static func value(_ text: String, as type: ScreeningType) -> ScreeningValue? {
        switch type {
        case .int: Int64(text).map(ScreeningValue.int)
        case .double: Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")).map(ScreeningValue.double)
        case .string: .string(text)
        case .date: CalendarDate(parsing: text).map(ScreeningValue.date)
        case .bool: ["true": true, "false": false][text].map(ScreeningValue.bool)
        case .list(let element):
            text.split(separator: ",").map { value(String($0), as: element) }.reduce(into: [ScreeningValue]?([])) { list, item in
                guard let item else { return list = nil }
                list?.append(item)
            }.map(ScreeningValue.list)
        }
    }

    /// The results, one per row; the memory engine reads register fields from the database only when the
    /// condition uses them.
    func evaluate(_ rows: [DatasetRow], engine: RulesCommand.Test.Engine, running: RunningConfiguration) async throws -> [Bool?] {
        let condition = self.condition
        let layout = self.layout
        let context = self.context
        switch engine {
        case .memory where condition.expression.registerFields.isEmpty:
            return rows.map { row in condition.evaluate(Self.dictionaryRow(row, dataset: dataset), in: context) }
        case .memory, .sql:
            let fragment = SQLCompiler().compile(condition, context: context)
            return try await ScreenCommand.withStore(running) { client in
                try await ScreeningStore(client: client, logger: Logger(label: "dixian.rules")).trial(fragment, layout: layout, rows: rows)
            }
        }
    }

    static func dictionaryRow(_ row: DatasetRow, dataset: Dataset) -> DictionaryRow {
        var columns: [String: ScreeningValue] = [:]
        for (column, value) in zip(dataset.columns, row.values) { columns[column.name] = value }
        return DictionaryRow(columns: columns)
    }
}
