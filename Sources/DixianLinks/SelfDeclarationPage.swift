import DixianCore
import Foundation

/// The public page a village poster links to (`/apply/TOKEN`): a household declares its own difficulty
/// (农户自主申报). The page never shows personal data: a refused form is shown empty again with the reason,
/// and the receipt carries only its number and what happens next.
public struct SelfDeclarationPage: Sendable {
    /// The village's full name, e.g. 岚川县东坪镇石门村.
    public var villageName: String
    /// The difficulty types offered, in order (因病 … 其他).
    public var difficulties: [String]
    /// Days within which the village verifies (alert_verify_days).
    public var verifyDays: Int
    public var footer: String?

    public init(villageName: String, difficulties: [String], verifyDays: Int, footer: String? = nil) {
        self.villageName = villageName
        self.difficulties = difficulties
        self.verifyDays = verifyDays
        self.footer = footer
    }

    /// The form, with the reason a submission was refused when there is one.
    public func renderForm(problem: String? = nil) -> String {
        let f = SelfDeclarationForm.fields
        var body = "<h1>农户自主申报</h1>\n<p>\(HTMLText.escape(villageName))</p>\n"
        body += "<p class=\"hint\">家中因病、因残、因学、因灾、务工不稳等原因生活遇到困难，可在此申报。村里收到后将入户了解情况。</p>\n"
        if let problem { body += "<p class=\"problem\" role=\"alert\">\(HTMLText.escape(problem))</p>\n" }
        let options = difficulties.map { "<option value=\"\(HTMLText.escape($0))\">\(HTMLText.escape($0))</option>" }
        body += """
            <form method="post" accept-charset="UTF-8">
            <label for="name">姓名</label>
            <input id="name" name="\(f.name)" type="text" autocomplete="name" maxlength="\(SelfDeclarationForm.maximumNameLength)" required>
            <label for="phone">联系电话</label>
            <input id="phone" name="\(f.phone)" type="tel" inputmode="tel" autocomplete="tel" maxlength="20" required>
            <label for="id_number">身份证号（选填）</label>
            <input id="id_number" name="\(f.idNumber)" type="text" autocomplete="off" maxlength="18">
            <label for="difficulty">困难类型</label>
            <select id="difficulty" name="\(f.difficulty)" required>
            <option value="">请选择</option>
            \(options.joined(separator: "\n"))
            </select>
            <label for="description">情况说明</label>
            <textarea id="description" name="\(f.description)" rows="5" maxlength="\(SelfDeclarationForm.maximumDescriptionLength)" required></textarea>
            <p class="hint">所填信息只用于入户核实，不会公开。</p>
            <button type="submit">提交申报</button>
            </form>

            """
        return ConfirmationPage(footer: footer).document(title: "农户自主申报", body: body)
    }

    /// The receipt: its number and what happens next; nothing the sender typed.
    public func renderReceipt(_ receipt: String) -> String {
        let body = """
            <h1 class="ok">已收到您的申报</h1>
            <p>回执号：<strong>\(HTMLText.escape(receipt))</strong></p>
            <p>\(HTMLText.escape(villageName))将在\(verifyDays)天内入户了解情况。询问进度时请提供回执号。</p>

            """
        return ConfirmationPage(footer: footer).document(title: "申报已收到", body: body)
    }

    /// A page that only says why (unknown poster, too many submissions, too large).
    public func renderRefusal(_ title: String, _ message: String) -> String {
        let body = "<h1>\(HTMLText.escape(title))</h1>\n<p class=\"problem\" role=\"alert\">\(HTMLText.escape(message))</p>\n"
        return ConfirmationPage(footer: footer).document(title: title, body: body)
    }
}
