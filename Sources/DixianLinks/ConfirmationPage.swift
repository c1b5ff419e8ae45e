import DixianCore
import Foundation

/// The small HTML pages behind a one-click confirmation link (`/a/TOKEN`).
///
/// `GET /a/TOKEN` must never change anything: mail security scanners and link previews fetch every
/// link in a message, so a GET that confirmed would mark duties done that nobody looked at. The GET
/// page (``renderForm(_:problem:)``) only shows the duty and a form; the form's `POST` to the same
/// address records completion, and the server answers with ``renderResult(_:occurrence:)``.
///
/// Pages are self-contained UTF-8 documents: inline CSS, no scripts, images, fonts or other external
/// resources (nothing leaks the token through a `Referer`), and every value is HTML-escaped.
public struct ConfirmationPage: Sendable {
    /// A line at the foot of every page, e.g. `如有疑问，请联系县乡村振兴局 0000-1234567`; nil for none.
    public var footer: String?

    public init(footer: String? = nil) {
        self.footer = footer
    }

    /// Headers to send with every page: not cached, not indexed, no `Referer` carrying the token, no
    /// resource but the inline style, and forms only to this origin.
    public static let responseHeaders: [(name: String, value: String)] = [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Cache-Control", "no-store"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Robots-Tag", "noindex, nofollow"),
        ("X-Content-Type-Options", "nosniff"),
        ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"),
    ]

    /// The GET page: the duty, and a form that POSTs back to the same address.
    ///
    /// - Parameter problem: the error of a rejected submission; the form is shown again with its message
    ///   and the values typed before.
    public func renderForm(_ occurrence: Occurrence, problem: ConfirmationFormError? = nil) -> String {
        var body = "<h1>确认任务完成</h1>\n"
        body += Self.details(occurrence)
        if let problem {
            body += "<p class=\"problem\" role=\"alert\">\(HTMLText.escape(problem.message))</p>\n"
        }
        // No `action` attribute: the form posts to the page's own address, so the token is not repeated here.
        body += "<form method=\"post\" accept-charset=\"UTF-8\">\n"
        if let quantity = occurrence.quantity {
            let hint = "目标：\(quantity.compareText)\(quantity.targetText)\(quantity.unit)"
            body += """
                <label for="achieved">\(HTMLText.escape(quantity.measure))\
                \(quantity.unit.isEmpty ? "" : "（\(HTMLText.escape(quantity.unit))）")</label>
                <input id="achieved" name="\(ConfirmationForm.achievedField)" type="text" inputmode="decimal" \
                autocomplete="off" value="\(HTMLText.escape(problem?.achievedText ?? ""))">
                <p class="hint">\(HTMLText.escape(hint))</p>

                """
        }
        body += """
            <label for="note">备注（选填）</label>
            <textarea id="note" name="\(ConfirmationForm.noteField)" rows="4" \
            maxlength="\(ConfirmationForm.maximumNoteLength)">\(HTMLText.escape(problem?.noteText ?? ""))</textarea>
            <button type="submit">确认已完成</button>
            </form>

            """
        return self.document(title: "确认任务完成", body: body)
    }

    /// The duty's facts as a definition list.
    static func details(_ occurrence: Occurrence) -> String {
        var rows: [(String, String)] = [
            ("任务", occurrence.dutyTitle), ("单位", occurrence.unitName), ("期次", occurrence.periodLabel),
            ("截止", occurrence.dueTime.isEmpty ? occurrence.dueDate : "\(occurrence.dueDate) \(occurrence.dueTime)"),
            ("状态", occurrence.statusText),
        ]
        if let quantity = occurrence.quantity {
            rows.append(("目标", "\(quantity.measure)\(quantity.compareText)\(quantity.targetText)\(quantity.unit)"))
        }
        let items = rows.map { "<dt>\(HTMLText.escape($0.0))</dt><dd>\(HTMLText.escape($0.1))</dd>" }
        return "<dl>\n" + items.joined(separator: "\n") + "\n</dl>\n"
    }

    /// A complete document around `body` (already HTML).
    func document(title: String, body: String) -> String {
        let footer = self.footer.map { "<footer>\(HTMLText.escape($0))</footer>\n" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <meta name="robots" content="noindex, nofollow">
            <title>\(HTMLText.escape(title)) - 底线</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <main>
            \(body)</main>
            \(footer)</body>
            </html>

            """
    }

    static let style = """
        body{margin:0;background:#f4f5f7;color:#1f2329;\
        font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}\
        main{max-width:36rem;margin:1rem auto;padding:1.25rem;background:#fff;border-radius:8px}\
        h1{font-size:1.35rem;margin:0 0 1rem}dl{margin:0 0 1rem}dt{color:#646a73;font-size:.875rem}\
        dd{margin:0 0 .5rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600}\
        input,textarea,select{box-sizing:border-box;width:100%;padding:.6rem;font:inherit;border:1px solid #c9cdd4;border-radius:6px}\
        button{width:100%;margin-top:1.25rem;padding:.8rem;font:inherit;font-weight:600;color:#fff;\
        background:#c0392b;border:0;border-radius:6px}.hint{margin:.25rem 0;color:#646a73;font-size:.875rem}\
        .problem{padding:.6rem;background:#fdecea;color:#a12622;border-radius:6px}\
        fieldset{border:0;margin:.75rem 0 0;padding:0}legend{font-weight:600;margin-bottom:.25rem}\
        .choice{display:inline-block;margin:.2rem 1rem .2rem 0;font-weight:400}.choice input{width:auto}\
        .ok{color:#1e7b34}.missed{color:#a12622}footer{max-width:36rem;margin:0 auto 1rem;padding:0 1.25rem;\
        color:#646a73;font-size:.875rem}
        """
}
