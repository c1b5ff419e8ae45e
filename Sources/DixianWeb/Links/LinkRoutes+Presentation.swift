import DixianCore
import DixianLinks
import DixianPlugins
import DixianScheduling
import DixianStore
import Foundation

extension LinkRoutes {
    var zone: TimeZone {
        settings().timeZone
    }

    /// `2026年7月3日 18:00`, in the configured zone.
    func local(_ instant: Date) -> String {
        let local = instant.localDateTime(in: zone)
        return "\(local.date.chineseDescription) \(local.timeOfDay)"
    }

    /// What the confirmation page shows of an occurrence: titles from the running plugins.
    func presentation(_ record: OccurrenceRecord) -> ConfirmationPage.Occurrence {
        let duty = settings().plugins.plugins.flatMap(\.duties).first { $0.qualifiedID == record.dutyID }
        let local = record.dueAt.localDateTime(in: zone)
        var quantity: ConfirmationPage.Quantity?
        if let measure = duty?.quantity, let target = record.target {
            quantity = ConfirmationPage.Quantity(
                measure: measure.measure, target: target, unit: measure.unit,
                comparison: record.targetComparison == "at_most" ? .atMost : .atLeast)
        }
        return ConfirmationPage.Occurrence(
            dutyTitle: duty?.title ?? record.dutyID, unitName: record.unitName, periodLabel: record.periodLabel,
            dueDate: local.date.chineseDescription, dueTime: local.timeOfDay.description,
            statusText: record.status.chineseName, quantity: quantity)
    }
}
