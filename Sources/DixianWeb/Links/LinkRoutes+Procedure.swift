import DixianCore
import DixianLinks
import DixianMonitoring
import DixianScheduling
import DixianStore
import Foundation
import HTTPTypes

/// The reminder links of the monitoring procedure's clocks lead to the step itself, not to "mark done": the
/// verification of a signal (核实), the helper and plan (10 days), a measure in place (30 days). The step meets
/// the clock as any other channel would, and uses the link up in the same transaction.
extension LinkRoutes {
    /// The procedure form for the link's occurrence, or nil for an ordinary duty.
    func procedureForm(_ record: OccurrenceRecord, problem: String? = nil) async throws -> (HTTPResponse.Status, String)? {
        guard let desk = try procedureDesk?(), let target = try await Self.target(desk, record.id) else { return nil }
        let form = try await stepForms(desk).form(for: target, unitName: record.unitName, due: local(record.dueAt))
        let page = formPage.render(title: form.title, facts: form.facts, fields: form.fields, button: form.button, problem: problem)
        return (problem == nil ? .ok : .badRequest, page)
    }

    /// Records the step the link's form describes.
    func procedureSubmit(_ claims: ActionLinkClaims, _ record: OccurrenceRecord, body: [UInt8]) async throws -> (HTTPResponse.Status, String)? {
        guard let desk = try procedureDesk?(), let target = try await Self.target(desk, record.id) else { return nil }
        let form: ProcedureForm
        do {
            form = try ProcedureForm.parse(body, allowed: ProcedureStepForms.fieldNames, multiple: ["risk"])
        } catch {
            return try await procedureForm(record, problem: error.message)
        }
        do {
            var entry = try desk.entry(actor: claims.officialID, channel: .link, on: try ProcedureStepForms.effectiveDate(form))
            entry.link = CaseEntry.LinkUse(nonce: claims.nonce.hex, expiresAt: claims.expiresAt, occurrenceID: claims.occurrenceID)
            let message = try await stepForms(desk).record(target, form, entry)
            logger.info("监测帮扶步骤已记录 (case step recorded)", metadata: ["occurrence": "\(claims.occurrenceID)", "by": "\(claims.officialID)", "channel": "link"])
            return (.ok, formPage.renderResult(title: "已记录", message: message, ok: true))
        } catch let error as StoreError where error.code == .linkUsed {
            return (.conflict, formPage.renderResult(title: "链接已使用", message: "此链接已使用过，如需修改请联系乡镇。", ok: false))
        } catch let error as StoreError where [.stepRefused, .caseNotFound, .unknownOfficial].contains(error.code) {
            return try await procedureForm(record, problem: error.message)
        }
    }

    var formPage: ProcedureFormPage { ProcedureFormPage(footer: page.footer) }

    private func stepForms(_ desk: any ProcedureDesk) -> ProcedureStepForms {
        ProcedureStepForms(desk: desk, plugins: settings().plugins, today: now().localDate(in: zone))
    }

    static func target(_ desk: any ProcedureDesk, _ occurrenceID: Int64) async throws -> ProcedureLinkTarget? {
        try await desk.store.linkTarget(occurrenceID: occurrenceID)
    }
}
