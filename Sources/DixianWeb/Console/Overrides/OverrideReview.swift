import DixianCore
import DixianPlugins
import DixianStore
import Foundation

/// What an override text changes, as the bureau sees it before saving and the county office before approving: the
/// text line by line, the parameters and duties that differ, and next month's reminders per duty, now and under
/// the new text.
struct OverrideReview {
    struct DiffLine {
        var text: String
        /// `added`, `removed` or `same`, the line's CSS class.
        var mark: String
    }

    struct Change {
        var title: String
        var old: String
        var new: String
    }

    struct DutyCount {
        var duty: String
        var current: Int
        var proposed: Int
        var differs: Bool
    }

    /// The first messages under the new text listed on the page.
    static let listed = 20

    var diff: [DiffLine]
    var parameters: [Change]
    var duties: [String]
    var counts: [DutyCount]
    var currentTotal: Int
    var proposedTotal: Int
    var month: String
    var lines: [ReminderPreview.Line]
    var warnings: [String]
    // Stored, not computed: swift-mustache reads a value's stored properties only.
    var hasParameters: Bool
    var hasDuties: Bool
    var unchanged: Bool

    init(oldText: String, newText: String, current: Plugin, proposed: Plugin, now: ReminderPreview, next: ReminderPreview) {
        diff = LineDiff.lines(from: oldText, to: newText).map(DiffLine.init)
        let before = Dictionary(current.parameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        parameters = proposed.parameters.compactMap { parameter in
            guard let old = before[parameter.name], old.value != parameter.value else { return nil }
            return Change(title: parameter.title, old: old.formattedValue + (old.unit ?? ""), new: parameter.formattedValue + (parameter.unit ?? ""))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let oldDuties = Dictionary(current.duties.map { ($0.id, try? encoder.encode($0)) }, uniquingKeysWith: { first, _ in first })
        duties = proposed.duties.filter { oldDuties[$0.id] ?? nil != (try? encoder.encode($0)) }.map(\.title)
        let nowCounts = Dictionary(grouping: now.lines, by: \.duty).mapValues(\.count)
        let nextCounts = Dictionary(grouping: next.lines, by: \.duty).mapValues(\.count)
        counts = proposed.duties.map(\.title).compactMap { title in
            let (a, b) = (nowCounts[title] ?? 0, nextCounts[title] ?? 0)
            return a == 0 && b == 0 ? nil : DutyCount(duty: title, current: a, proposed: b, differs: a != b)
        }
        (currentTotal, proposedTotal) = (now.lines.count, next.lines.count)
        month = next.first.chineseDescription + "至" + next.last.chineseDescription
        lines = Array(next.lines.prefix(Self.listed))
        warnings = next.warnings
        (hasParameters, hasDuties) = (!parameters.isEmpty, !duties.isEmpty)
        unchanged = oldText == newText
    }
}
