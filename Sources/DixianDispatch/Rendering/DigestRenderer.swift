import DixianCore
import DixianNotify

/// Renders several occurrences for one recipient and channel into one message (汇总提醒), the way
/// Alertmanager groups alerts: a subject with the count, one row per item in order of due date, and the
/// same footer and frame as single messages.
///
/// Email lists each item's confirmation link; chat goes to a group, so its lines carry no names and no
/// links but `links.view`. Values are plain text in text and chat and HTML-escaped in html; every part
/// passes through ``PersonalDataMask/maskingIDNumbers(in:)``.
public struct DigestRenderer: Sendable {
    /// Creates a renderer; it holds nothing, so one serves everyone.
    public init() {}

    /// One message for `items`, which are all for the same recipient and channel; the recipient, office and
    /// today's date are read from the first item after sorting.
    ///
    /// - Throws: ``RenderingError`` with code `empty_digest` when `items` is empty.
    public func render(_ items: [ReminderFacts]) throws(RenderingError) -> RenderedContent {
        guard !items.isEmpty else {
            throw RenderingError(.emptyDigest)
        }
        let rows = items.sorted(by: Self.dueOrder).map(DigestRow.init)
        let first = items.min(by: Self.dueOrder)!
        let overdue = rows.filter(\.isOverdue).count
        let overdueNote = overdue > 0 ? "（其中\(overdue)项已逾期）" : ""
        let summary = "\(rows.count)项工作任务临近截止或已逾期\(overdueNote)"
        let subject = "【工作提醒汇总】您有\(summary)"
        let greeting = first.recipient.map { "\($0.name)同志：" } ?? "您好："
        let footer = MessageFooter(office: first.office)

        var text = "\(greeting)\n\n您有\(summary)，请及时办理：\n\n序号 | 任务 | 单位 | 期限 | 状态\n"
        for (index, row) in rows.enumerated() {
            text += "\(index + 1) | \(row.taskWithHousehold) | \(row.unit) | \(row.deadline) | \(row.status)\n"
            if let confirm = row.confirmLink {
                text += "    确认完成：\(confirm)\n"
            } else if let view = row.viewLink {
                text += "    查看详情：\(view)\n"
            }
        }
        let body = "<p>\(HTMLText.escape(greeting))</p>\n"
            + "<p>您有\(HTMLText.escape(summary))，请及时办理：</p>\n" + Self.htmlTable(rows)
        let chat =
            (["【工作提醒汇总】共\(summary)："] + rows.enumerated().map { "\($0.offset + 1). \($0.element.chatLine)" })
            .joined(separator: "\n")
        return RenderedContent(
            subject: PersonalDataMask.maskingIDNumbers(in: subject),
            text: PersonalDataMask.maskingIDNumbers(in: footer.appended(toText: text)),
            html: PersonalDataMask.maskingIDNumbers(
                in: MailLayout.document(title: subject, body: body, footer: footer.html)),
            chat: PersonalDataMask.maskingIDNumbers(in: chat))
    }

    /// Earliest due first; ties in a stable order of plugin, duty and unit.
    static func dueOrder(_ lhs: ReminderFacts, _ rhs: ReminderFacts) -> Bool {
        (lhs.occurrence.dueDate, lhs.occurrence.dueAt, lhs.plugin.id, lhs.duty.id, lhs.unit.code)
            < (rhs.occurrence.dueDate, rhs.occurrence.dueAt, rhs.plugin.id, rhs.duty.id, rhs.unit.code)
    }

    private static func htmlTable(_ rows: [DigestRow]) -> String {
        let cell = "style=\"border:1px solid #dfe2e6;padding:6px 8px;vertical-align:top;\""
        let header = ["序号", "任务", "单位", "期限", "状态", "操作"].map { "<th align=\"left\" \(cell)>\($0)</th>" }
        var html = "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" "
            + "style=\"border-collapse:collapse;font-size:14px;\">\n"
            + "<tr style=\"background-color:#f6f8fa;\">\(header.joined())</tr>\n"
        for (index, row) in rows.enumerated() {
            let status = row.isOverdue
                ? "<strong style=\"color:#b00000;\">\(HTMLText.escape(row.status))</strong>"
                : HTMLText.escape(row.status)
            let action =
                row.confirmLink.map { "<a href=\"\(HTMLText.escape($0))\" style=\"color:#a61b1b;\">确认完成</a>" }
                ?? row.viewLink.map { "<a href=\"\(HTMLText.escape($0))\" style=\"color:#a61b1b;\">查看详情</a>" }
                ?? ""
            let cells = [String(index + 1), HTMLText.escape(row.taskWithHousehold), HTMLText.escape(row.unit),
                HTMLText.escape(row.deadline), status, action]
            html += "<tr>" + cells.map { "<td \(cell)>\($0)</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>"
    }
}

/// One item of a digest, formatted once for all parts.
struct DigestRow {
    /// `控辍保学动态监测（2026年7月）`.
    var task: String
    /// `户主张*明，身份证1101**********1234`: a household event's head, masked; email only, never chat.
    var household: String?
    /// The unit's full name.
    var unit: String
    /// `2026年7月31日（星期五）18:00`.
    var deadline: String
    /// `3天后截止`, `今日截止`, `已逾期2天`.
    var status: String
    var isOverdue: Bool
    var confirmLink: String?
    var viewLink: String?

    init(_ facts: ReminderFacts) {
        let occurrence = facts.occurrence
        task = "\(facts.duty.title)（\(occurrence.periodLabel)）".renderedSingleLine
        household = facts.household.map {
            "户主\(PersonalDataMask.maskName($0.name))，身份证\(PersonalDataMask.maskIDNumber($0.idNumber))".renderedSingleLine
        }
        unit = facts.unit.fullName.renderedSingleLine
        deadline =
            "\(occurrence.dueDate.chineseDescription)（\(occurrence.dueDate.weekday.chineseName)）\(occurrence.dueTime)"
        status = facts.dueStatusText
        isOverdue = facts.isOverdue
        confirmLink = facts.links.confirm
        viewLink = facts.links.view
    }

    /// The task as email shows it: a village secretary with twenty alerts must tell them apart.
    var taskWithHousehold: String {
        household.map { "\(task)［\($0)］" } ?? task
    }

    /// The chat line: unit, task, deadline and status, and the view link; no names, no signed link.
    var chatLine: String {
        "\(unit)：\(task)，期限\(deadline)，\(status)" + (viewLink.map { "。详情：\($0)" } ?? "")
    }
}
