import DixianTabular
import Foundation

extension PeriodReport {
    /// The report as a workbook: 概况, then one sheet per part, each a titled table with a frozen header.
    public func workbook() -> XLSXWorkbook {
        let completionHeader = ["名称", "应完成", "已完成", "按时完成", "逾期未完成", "未到期", "完成率(%)"]
        func completionRows(_ rows: [Completion]) -> [[XLSXCell]] {
            rows.map { row in
                [.text(row.name)] + [row.due, row.done, row.doneOnTime, row.overdue, row.pending].map { .number(Decimal($0)) }
                    + [row.rate.map { .number(Decimal($0)) } ?? .text("-")]
            }
        }
        func counts(_ items: [Count]) -> [[XLSXCell]] { items.map { [.text($0.name), .number(Decimal($0.count))] } }
        let summary: [[XLSXCell]] = [
            [.text("统计期间"), .text("\(from) 至 \(to)")],
            [.text("应完成任务"), .number(Decimal(duties.due))], [.text("已完成"), .number(Decimal(duties.done))],
            [.text("逾期未完成"), .number(Decimal(duties.overdue))], [.text("任务完成率(%)"), duties.rate.map { .number(Decimal($0)) } ?? .text("-")],
            [.text("新增预警"), .number(Decimal(alerts.raised))], [.text("按时核实"), .number(Decimal(alerts.verifiedOnTime))],
            [.text("按时核实率(%)"), alerts.onTimeShare.map { .number(Decimal($0)) } ?? .text("-")],
            [.text("监测对象（户）"), .number(Decimal(cases.monitored))], [.text("本期纳入"), .number(Decimal(cases.includedInPeriod))],
            [.text("本期消除风险"), .number(Decimal(cases.eliminatedInPeriod))],
            [.text("整改问题"), .number(Decimal(ledger.problems))], [.text("整改逾期"), .number(Decimal(ledger.overdue))],
        ]
        return XLSXWorkbook(sheets: [
            table("概况", header: ["项目", "数值"], rows: summary, widths: [22, 24]),
            table("乡镇任务完成", header: completionHeader, rows: completionRows(byTown), widths: [20, 10, 10, 10, 12, 10, 12]),
            table("行业任务完成", header: completionHeader, rows: completionRows(bySector), widths: [24, 10, 10, 10, 12, 10, 12]),
            table("村级任务完成", header: completionHeader, rows: completionRows(byVillage), widths: [28, 10, 10, 10, 12, 10, 12]),
            table(
                "逾期事项", header: ["编号", "任务", "单位", "截止日期"],
                rows: overdueItems.map { [.number(Decimal($0.id)), .text($0.duty), .text($0.unit), .text($0.dueDate)] }, widths: [10, 40, 24, 14]),
            table(
                "预警核实", header: ["新增预警", "已核实", "按时核实", "按时核实率(%)", "核实用时中位数(天)"],
                rows: [[.number(Decimal(alerts.raised)), .number(Decimal(alerts.verified)), .number(Decimal(alerts.verifiedOnTime)),
                        alerts.onTimeShare.map { .number(Decimal($0)) } ?? .text("-"), alerts.medianDays.map { .number(Decimal($0)) } ?? .text("-")]],
                widths: [12, 12, 12, 16, 20]),
            table("监测对象", header: ["分类", "户数"],
                  rows: [[.text("按监测类别", .header), .empty]] + counts(cases.byCategory) + [[.text("按风险类型", .header), .empty]]
                    + counts(cases.byRiskType) + [[.text("按阶段", .header), .empty]] + counts(cases.byStage), widths: [24, 10]),
            table("整改台账", header: ["整改结果", "问题数"],
                  rows: counts(ledger.byResult) + [[.text("逾期未完成"), .number(Decimal(ledger.overdue))],
                                                    [.text("本期整改进展（条）"), .number(Decimal(ledger.progressInPeriod))]], widths: [24, 10]),
        ])
    }

    /// A sheet: the report's title merged over the table, then the header row (frozen), then the rows.
    private func table(_ name: String, header: [String], rows: [[XLSXCell]], widths: [Double]) -> XLSXSheet {
        Self.titledTable(title, name, header: header, rows: rows, widths: widths)
    }

    /// `title：name` merged over the table, the header frozen, A4 landscape: every report and bulletin sheet.
    static func titledTable(_ title: String, _ name: String, header: [String], rows: [[XLSXCell]], widths: [Double]) -> XLSXSheet {
        let last = Character(UnicodeScalar(UInt8(64 + header.count)))
        return XLSXSheet(
            name: name, rows: [[.text(title + "：" + name, .title)], header.map { .text($0, .header) }] + rows,
            merges: ["A1:\(last)1"], columnWidths: widths, frozenRows: 2, landscape: true)
    }
}
