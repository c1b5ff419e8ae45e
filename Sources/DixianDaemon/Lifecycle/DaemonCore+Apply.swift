import DixianCore
import DixianDirectory
import DixianDispatch
import DixianLinks
import DixianMonitoring
import DixianStore
import DixianWeb
import Foundation

extension DaemonCore {
    /// The public self-declaration form (`/apply/TOKEN`): villages found by their poster token, a declaration
    /// stored as a signal of source `self` with its verification clock.
    func applyRoutes(links: ActionLinks, gate: DatabaseGate) -> ApplyRoutes {
        let context = self.context
        return ApplyRoutes(
            findVillage: { token in
                let directory = DirectoryStore(client: context.client, logger: context.logger)
                let units = try await directory.units()
                let villages = units.filter { $0.level == .village }.map(\.code.rawValue)
                guard let code = links.signer.posterVillage(token, among: villages) else { return nil }
                let snapshot = DirectorySnapshot(units: units)
                return ApplyRoutes.Village(code: code, fullName: snapshot.fullName(of: try DivisionCode(validating: code)))
            },
            submit: { village, form, receipt in
                let desk = try MonitoringDesk(
                    client: context.client, running: context.store.current, logger: context.logger, clock: context.options.clock)
                let signal = NewSignal(
                    source: .self, householdID: nil, unitCode: try DivisionCode(validating: village.code),
                    declarant: DeclarantDetails(name: form.name, phone: form.phone, residentID: form.residentID?.value),
                    riskTypes: [RiskType(naming: form.difficulty) ?? .other], note: form.description, receipt: receipt)
                _ = try await desk.store.addSignal(
                    signal, entry: try desk.entry(actor: "public:" + receipt, channel: .public, on: nil), plan: try await desk.planning())
            },
            difficulties: RiskType.allCases.map(\.chineseName),
            verifyDays: {
                let value = context.store.current.plugins.plugin(id: "governance")?.parameter(named: "alert_verify_days")?.value
                if case .integer(let days)? = value { return days }
                return 7
            },
            footer: {
                let office = context.store.current.configuration.office
                return office.phone.map { "\(office.name) \($0)" } ?? office.name
            },
            now: { context.options.clock.now() }, zone: { context.store.current.configuration.zone }, gate: gate, logger: context.logger)
    }
}
