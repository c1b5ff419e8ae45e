import Foundation

extension WeeklyBulletin {
    /// The workbook's file name as the email names it: `<title>.xlsx`.
    public var filename: String { title + ".xlsx" }

    /// The email's plain-text lines: the headline figures, the towns and sectors most behind, and the changes.
    /// An empty string is a paragraph break.
    public func mailLines() -> [String] {
        var lines = [
            "\(title)：",
            "",
            "逾期未完成任务 \(overdueByTown.reduce(0) { $0 + $1.overdue }) 项；本周新增预警 \(alertsRaised) 条，按时核实率 \(PeriodReport.percent(alertsOnTimeShare))；"
                + "超过10天、30天时限的监测户 \(clocksOverdue.count) 项；整改台账逾期问题 \(ledgerOverdue) 个。",
        ]
        for (caption, ranks) in [("逾期任务较多的乡镇", overdueByTown), ("逾期任务较多的行业部门", overdueBySector)] where !ranks.isEmpty {
            lines += ["", caption + "："]
            lines += ranks.prefix(10).enumerated().map { "\($0.offset + 1). \($0.element.name)  逾期 \($0.element.overdue) 项" }
        }
        lines += ["", "较上周："]
        lines += changes.map { change in
            let verdict = change.improved.map { $0 ? "改善" : "未改善" } ?? "-"
            return "· \(change.name)：本周 \(Self.figure(change.thisWeek))，上周 \(Self.figure(change.lastWeek))（\(verdict)）"
        }
        lines += ["", "明细见附件《\(filename)》。"]
        return lines
    }

    /// The email's HTML body: the same figures as tables.
    public func htmlFragment() -> String {
        var html = "<h1>\(PeriodReport.escaped(title))</h1>\n"
        html += PeriodReport.table(["项目", "数值"], [
            ["逾期未完成任务（项）", String(overdueByTown.reduce(0) { $0 + $1.overdue })],
            ["本周新增预警（条）", String(alertsRaised)],
            ["预警按时核实率", PeriodReport.percent(alertsOnTimeShare)],
            ["超过10天、30天时限的监测户（项）", String(clocksOverdue.count)],
            ["整改台账逾期问题（个）", String(ledgerOverdue)],
        ])
        for (caption, ranks) in [("逾期任务较多的乡镇", overdueByTown), ("逾期任务较多的行业部门", overdueBySector)] where !ranks.isEmpty {
            html += "<h2>\(caption)</h2>\n" + PeriodReport.table(
                ["名称", "逾期任务", "完成率"], ranks.prefix(10).map { [$0.name, String($0.overdue), PeriodReport.percent($0.rate)] })
        }
        html += "<h2>较上周</h2>\n" + PeriodReport.table(
            ["项目", "本周", "上周", "是否改善"],
            changes.map { [$0.name, Self.figure($0.thisWeek), Self.figure($0.lastWeek), $0.improved.map { $0 ? "改善" : "未改善" } ?? "-"] })
        return html + "<p>明细见附件《\(PeriodReport.escaped(filename))》。</p>"
    }

    static func figure(_ value: Double?) -> String { value.map(PeriodReport.format) ?? "-" }
}
