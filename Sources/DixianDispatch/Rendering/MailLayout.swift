import DixianCore
import DixianNotify

/// The frame of every HTML email (邮件版式): a centred table at most 640 pixels wide with inline styles,
/// which is what desktop, web and phone mail clients all render alike (no `<style>` blocks, no flexbox).
enum MailLayout {
    private static let fonts = "font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',Arial,sans-serif"

    /// A complete HTML document around `body` (already HTML) with `footer` (already HTML) below it;
    /// `title` is plain text.
    static func document(title: String, body: String, footer: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        </head>
        <body style="margin:0;padding:0;background-color:#f3f4f6;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">
        <tr><td align="center" style="padding:24px 12px;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;background-color:#ffffff;border:1px solid #dfe2e6;">
        <tr><td style="padding:14px 24px;background-color:#a61b1b;color:#ffffff;font-size:16px;font-weight:bold;\(fonts);">“底线”防返贫监测与任务提醒</td></tr>
        <tr><td style="padding:24px;font-size:15px;line-height:1.7;color:#1f2328;\(fonts);">
        \(body)
        </td></tr>
        <tr><td style="padding:14px 24px;border-top:1px solid #dfe2e6;font-size:12px;line-height:1.6;color:#6a737d;\(fonts);">\(footer)</td></tr>
        </table>
        </td></tr>
        </table>
        </body>
        </html>

        """
    }
}
