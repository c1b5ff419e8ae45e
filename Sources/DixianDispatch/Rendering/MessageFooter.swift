import DixianCore
import DixianNotify

/// The footer every email carries (邮件落款): who sent it and how to reach them.
///
/// Written by the renderer, not by templates, so that no plugin can leave it out.
struct MessageFooter {
    var office: ReminderFacts.Office

    /// The sentence naming the sending office.
    var sentence: String {
        "本邮件由\(office.name)“底线”防返贫监测与任务提醒系统自动发送，请勿直接回复。"
    }

    /// `联系电话：… 电子邮箱：…`, or nil when neither is configured.
    var contacts: String? {
        let parts = [office.phone.map { "联系电话：\($0)" }, office.email.map { "电子邮箱：\($0)" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "　")
    }

    /// The plain-text footer, after a separator line.
    var text: String {
        (["——", sentence] + [contacts].compactMap { $0 }).joined(separator: "\n")
    }

    /// The HTML footer, escaped, lines separated by `<br>`.
    var html: String {
        ([sentence] + [contacts].compactMap { $0 }).map(HTMLText.escape).joined(separator: "<br>")
    }

    /// `body` (a rendered text part) with the footer appended after one blank line.
    func appended(toText body: String) -> String {
        body.trimmingTrailingNewlines + "\n\n" + text + "\n"
    }
}
