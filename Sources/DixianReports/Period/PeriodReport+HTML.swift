import Foundation

extension PeriodReport {
    /// The report as one self-contained HTML page: inline SVG bar charts, no script, no external file, and a print
    /// stylesheet (A4, tables not split across pages), for offline county intranets.
    public func html() -> String {
        var body = "<h1>\(Self.escaped(title))</h1>\n<p class=\"meta\">统计期间 \(from) 至 \(to) · 生成于 \(generatedOn)</p>\n"
        body += "<h2>一、任务完成情况</h2>\n<p>应完成 \(duties.due) 项，已完成 \(duties.done) 项（按时 \(duties.doneOnTime) 项），逾期未完成 \(duties.overdue) 项，"
            + "完成率 \(Self.percent(duties.rate))。</p>\n"
        body += Self.bars(byTown.map { ($0.name, $0.rate ?? 0) }, unit: "%", maximum: 100)
        body += Self.completionTable("乡镇（按完成率由低到高）", byTown) + Self.completionTable("行业", bySector)
        body += "<h2>二、逾期事项</h2>\n" + (overdueItems.isEmpty ? "<p>无。</p>\n" : Self.table(
            ["编号", "任务", "单位", "截止日期"], overdueItems.map { ["\($0.id)", $0.duty, $0.unit, $0.dueDate] }))
        body += "<h2>三、预警核实</h2>\n<p>新增预警 \(alerts.raised) 条，已核实 \(alerts.verified) 条，按时核实 \(alerts.verifiedOnTime) 条，"
            + "按时核实率 \(Self.percent(alerts.onTimeShare))，核实用时中位数 \(alerts.medianDays.map { "\($0) 天" } ?? "-")。</p>\n"
        body += "<h2>四、监测对象</h2>\n<p>监测对象 \(cases.monitored) 户；本期纳入 \(cases.includedInPeriod) 户，消除风险 \(cases.eliminatedInPeriod) 户。</p>\n"
        body += Self.bars(cases.byCategory.map { ($0.name, Double($0.count)) }, unit: "户", maximum: nil)
        body += Self.table(["风险类型", "户数"], cases.byRiskType.map { [$0.name, "\($0.count)"] })
        body += Self.table(["阶段", "户数"], cases.byStage.map { [$0.name, "\($0.count)"] })
        body += "<h2>五、整改台账</h2>\n<p>整改问题 \(ledger.problems) 个，逾期未完成 \(ledger.overdue) 个，本期整改进展 \(ledger.progressInPeriod) 条。</p>\n"
        body += Self.table(["整改结果", "问题数"], ledger.byResult.map { [$0.name, "\($0.count)"] })
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escaped(title))</title>
            <style>
            body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em auto;max-width:60em;padding:0 1em;color:#222}
            h1{font-size:1.4em;text-align:center}h2{font-size:1.15em;border-bottom:1px solid #999;margin-top:1.6em}
            .meta{text-align:center;color:#555}table{border-collapse:collapse;margin:.6em 0;width:100%}
            th,td{border:1px solid #999;padding:.25em .5em;text-align:left}th{background:#eee}td.n{text-align:right}
            svg{max-width:100%;height:auto}
            @media print{@page{size:A4;margin:15mm}body{margin:0;max-width:none}table,svg{page-break-inside:avoid}h2{page-break-after:avoid}}
            </style></head>
            <body>
            \(body)</body></html>

            """
    }

    static func completionTable(_ caption: String, _ rows: [Completion]) -> String {
        table(
            [caption, "应完成", "已完成", "按时完成", "逾期未完成", "未到期", "完成率"],
            rows.map { [$0.name, "\($0.due)", "\($0.done)", "\($0.doneOnTime)", "\($0.overdue)", "\($0.pending)", percent($0.rate)] })
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let head = header.map { "<th>\(escaped($0))</th>" }.joined()
        let body = rows.map { row in
            "<tr>" + row.enumerated().map { index, cell in index == 0 ? "<td>\(escaped(cell))</td>" : "<td class=\"n\">\(escaped(cell))</td>" }.joined() + "</tr>"
        }.joined(separator: "\n")
        return "<table><thead><tr>\(head)</tr></thead><tbody>\n\(body)\n</tbody></table>\n"
    }

    /// Horizontal bars, one per item, labelled with the name and the value; `maximum` nil scales to the largest.
    static func bars(_ items: [(String, Double)], unit: String, maximum: Double?) -> String {
        guard !items.isEmpty else { return "" }
        let top = max(maximum ?? items.map(\.1).max() ?? 1, 1)
        let rowHeight = 22
        let rows = items.enumerated().map { index, item in
            let y = index * rowHeight
            let width = Int((item.1 / top * 400).rounded())
            return """
                <text x="0" y="\(y + 15)" font-size="12">\(escaped(item.0))</text>\
                <rect x="160" y="\(y + 4)" width="\(width)" height="14" fill="#3a6ea5"/>\
                <text x="\(166 + width)" y="\(y + 15)" font-size="12">\(format(item.1))\(unit)</text>
                """
        }.joined(separator: "\n")
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 \(items.count * rowHeight)\" role=\"img\">\n\(rows)\n</svg>\n"
    }

    static func percent(_ value: Double?) -> String { value.map { format($0) + "%" } ?? "-" }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
