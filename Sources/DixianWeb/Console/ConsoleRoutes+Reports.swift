import DixianConsole
import DixianCore
import DixianDirectory
import DixianReports
import DixianTabular
import Foundation
import Hummingbird

/// 报表 in the console: the weekly, monthly and quarterly reports of a unit the person sees in every sector, built
/// on request as `dixian report` builds them, as a workbook or a web page.
extension ConsoleRoutes {
    /// `GET /console/reports`: the form.
    func reportsPage(_ request: Request, problem: String? = nil) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.reportsRoute.path)
        guard let chosen = documentUnit(request, visitor), let documents = try documents?() else { return notFound(user) }
        let today = documents.today
        let view = ReportsView(
            sectorOnly: chosen == nil, problem: problem, unit: chosen?.rawValue ?? "",
            kinds: ReportPeriod.Kind.allCases.map { kind in
                ReportsView.Kind(
                    value: kind.rawValue, label: kind.chineseName, pattern: kind.pattern,
                    lastPeriod: ReportPeriod(kind, containing: today).previous.description)
            })
        return ConsoleResponse.page(problem == nil ? .ok : .badRequest, renderer.page(title: "报表", user: user, template: "reports", view: view))
    }

    /// `GET /console/reports/download?kind=…&period=…&unit=…&format=xlsx|html`: the report, built now. A blank
    /// period is the last complete one.
    func reportDownload(_ request: Request) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.reportsRoute.path)
        guard let chosen = documentUnit(request, visitor), let unit = chosen, let documents = try documents?() else { return notFound(user) }
        let query = request.uri.queryParameters
        let format = query["format"].map(String.init) ?? "xlsx"
        guard let kind = query["kind"].flatMap({ ReportPeriod.Kind(rawValue: String($0)) }), ["xlsx", "html"].contains(format) else {
            return try await reportsPage(request, problem: "请选择报表种类和格式。")
        }
        let asked = query["period"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        guard let period = asked.map({ ReportPeriod(kind, $0) }) ?? ReportPeriod(kind, containing: documents.today).previous else {
            return try await reportsPage(request, problem: "统计期间应为 \(kind.pattern)，例如 \(ReportPeriod(kind, containing: documents.today).previous)。")
        }
        let report = try await documents.report(period, unit: unit)
        logger.info("报表已生成 (report built)", metadata: ["report": "\(report.title)", "by": "\(visitor.officials[0].id)", "channel": "console"])
        if format == "html" { return ConsoleResponse.download(Array(report.html().utf8), filename: report.title + ".html", contentType: "text/html; charset=utf-8") }
        return ConsoleResponse.download(try XLSXWriter.write(report.workbook()), filename: report.title + ".xlsx", contentType: Self.xlsxType)
    }
}

struct ReportsView {
    struct Kind {
        var value: String
        var label: String
        var pattern: String
        var lastPeriod: String
    }

    var sectorOnly: Bool
    var problem: String?
    var unit: String
    var kinds: [Kind]
}
