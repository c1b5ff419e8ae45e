import DixianCore
import DixianMonitoring
import DixianPlugins
import DixianStore
import Foundation

/// The procedure as the governance plugin configures it (plugins/governance/plugin.yaml, parameters
/// `inclusion_approval_roles` … `elimination_caution_age`).
public struct MonitoringSettings: Sendable {
    public var procedure: ProcedureSettings
    public var eliminationPolicy: EliminationPolicy
    public var defectDetector: DefectDetector

    init(plugins: PluginSet) throws {
        let governance = plugins.plugin(id: "governance")
        func value(_ name: String) -> ParameterValue? { governance?.parameter(named: name)?.value }
        func integer(_ name: String, _ fallback: Int) -> Int {
            if case .integer(let number)? = value(name) { return number }
            return fallback
        }
        func chain(_ name: String) throws -> ApprovalChain {
            guard case .list(let items)? = value(name) else { return .standard }
            let roleIDs = items.compactMap { item -> String? in
                if case .text(let text) = item { return text }
                return nil
            }
            return try Self.chain(roleIDs, parameter: name, plugins: plugins)
        }
        procedure = ProcedureSettings(
            inclusionChain: try chain("inclusion_approval_roles"), eliminationChain: try chain("elimination_approval_roles"))
        var lines: [Int: Decimal] = [:]
        if let line = value("monitoring_line")?.number { lines[integer("monitoring_line_year", 0)] = line }
        eliminationPolicy = EliminationPolicy(
            monitoringLines: lines, stableDays: integer("elimination_stable_days", 90), cautionAge: integer("elimination_caution_age", 65))
        defectDetector = DefectDetector(
            includeWithinDays: integer("inclusion_deadline_days", 15), timelyInclusionDays: integer("timely_inclusion_days", 20))
    }

    /// A chain of the roles in order: 村级评议 for a village role, 乡镇审核 for a town role, 县级审定 for a county role.
    static func chain(_ roleIDs: [String], parameter: String, plugins: PluginSet) throws -> ApprovalChain {
        guard !roleIDs.isEmpty else {
            throw StoreError(.stepRefused, "治理插件参数 \(parameter) 不能为空 (an approval chain needs a role)")
        }
        var steps: [ApprovalChain.Step] = []
        for roleID in roleIDs {
            guard let role = plugins.role(id: roleID) else {
                throw StoreError(
                    .stepRefused, "治理插件参数 \(parameter) 中的角色 \(roleID) 未声明 (undeclared role)", context: ["role": roleID])
            }
            let (id, title): (String, String) = switch role.level {
            case .village: ("village_review", "村级评议")
            case .town: ("town_review", "乡镇审核")
            case .county: ("county_decision", "县级审定")
            default: ("\(role.level.rawValue)_review", "\(role.level.chineseName)级审核")
            }
            let unique = steps.contains { $0.id == id } ? "\(id)_\(steps.count + 1)" : id
            steps.append(.init(id: unique, title: title, role: roleID))
        }
        return ApprovalChain(steps: steps)
    }
}
