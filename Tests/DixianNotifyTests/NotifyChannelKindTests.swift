import DixianNotify
import Testing

@Suite("Channel kinds")
struct NotifyChannelKindTests {
    @Test("email kinds use the email template parts, bots the chat part")
    func emailKinds() {
        #expect(NotifyChannelKind.allCases.filter(\.isEmail) == [.smtp, .maildir])
        #expect(NotifyChannelKind(rawValue: "dingtalk") == .dingtalk)
        #expect(NotifyChannelKind(rawValue: "DingTalk") == nil)
    }
}
