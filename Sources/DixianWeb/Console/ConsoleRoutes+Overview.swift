import DixianConsole
import DixianCore
import DixianDirectory
import DixianScheduling
import DixianStore
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// `GET /console/overview[?unit=CODE]` (总览): each unit below the one shown with its duty completion this
    /// year, overdue duties, signals verified on time and overdue, and monitored households; a unit's name leads
    /// one level down, and a village's page lists its occurrences. Without `unit`, the person's own top unit. A
    /// unit outside the scope is 404.
    func overview(_ request: Request) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.overviewRoute.path)
        let requested = request.uri.queryParameters["unit"].map(String.init)
        guard let code = requested.map({ DivisionCode(prefix: $0) }) ?? Self.topUnit(of: visitor.scope),
              let unit = try await store.unit(code, in: visitor.scope)
        else { return notFound(user) }
        let at = now(), zone = settings().timeZone
        let today = at.localDate(in: zone)
        let yearStart = CalendarDate(year: today.year, month: 1, day: 1)!.startOfDay(in: zone)
        let rows = try await store.overview(of: unit, in: visitor.scope, yearStart: yearStart, now: at)
        let isVillage = unit.level == .village
        let occurrences = isVillage ? try await store.occurrences(at: unit.code, in: visitor.scope, from: yearStart, now: at) : []
        let plugins = settings().plugins
        let view = OverviewView(
            isVillage: isVillage, occurrenceCount: occurrences.count,
            occurrences: occurrences.map { record in
                OverviewView.Occurrence(
                    id: record.id, title: plugins.duty(qualifiedID: record.dutyID)?.title ?? record.dutyID, period: record.periodLabel,
                    due: record.dueDate.description, status: record.status.chineseName, overdue: record.status == .overdue)
            },
            unit: unit.name, year: today.year, sectorOnly: visitor.scope.unitPrefixes.isEmpty,
            up: unit.parentCode.flatMap { parent in
                visitor.scope.seesAnything(at: parent)
                    ? OverviewView.Link(title: "返回上一级", href: Self.overviewRoute.path + "?unit=" + parent.rawValue) : nil
            },
            rows: rows.map { OverviewView.Row($0, own: $0.code == unit.code.rawValue) })
        let html = renderer.page(title: "总览 · \(unit.name)", user: user, template: "overview", view: view)
        return ConsoleResponse.page(.ok, html)
    }

    /// The highest unit the scope sees, nil for a helper who sees households only.
    static func topUnit(of scope: AccessScope) -> DivisionCode? {
        let prefixes = scope.unitPrefixes + scope.sectorGrants.map(\.unitPrefix)
        return prefixes.min { ($0.count, $0) < ($1.count, $1) }.flatMap { DivisionCode(prefix: $0) }
    }
}

struct OverviewView {
    struct Occurrence {
        var id: Int64
        var title: String
        var period: String
        var due: String
        var status: String
        var overdue: Bool
    }

    /// A village's page lists its occurrences: the last level of the drill-down.
    var isVillage: Bool
    var occurrenceCount: Int
    var occurrences: [Occurrence]

    struct Link {
        var title: String
        var href: String
    }

    struct Row {
        var name: String
        var href: String?
        var rate: String
        /// The completion bar's filled width out of 100.
        var bar: Int
        var due: Int
        var overdue: Int
        var signals: Int
        var verifiedOnTime: Int
        var verificationsOverdue: Int
        var openCases: Int
        var flagged: Bool

        init(_ figures: ConsoleStore.UnitFigures, own: Bool) {
            name = own ? "\(figures.name)（本级）" : figures.name
            href = own ? nil : "/console/overview?unit=\(figures.code)"
            rate = figures.completionRate.map { String(format: "%.0f%%", $0 * 100) } ?? "—"
            bar = Int(((figures.completionRate ?? 0) * 100).rounded())
            (due, overdue) = (figures.dutiesDue, figures.dutiesOverdue)
            (signals, verifiedOnTime, verificationsOverdue) = (figures.signals, figures.verifiedOnTime, figures.verificationsOverdue)
            openCases = figures.openCases
            flagged = figures.dutiesOverdue > 0 || figures.verificationsOverdue > 0
        }
    }

    var unit: String
    var year: Int
    var sectorOnly: Bool
    var up: Link?
    var rows: [Row]
}
