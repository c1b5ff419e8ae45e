import DixianDirectory
import Testing

@Suite("Contact syntax")
struct ContactSyntaxTests {
    @Test("valid e-mail addresses are normalised", arguments: [
        ("zhang.san@lanchuan.gov.invalid", "zhang.san@lanchuan.gov.invalid"),
        (" Li_Si+dixian@Example.ORG ", "Li_Si+dixian@example.org"),
        ("a@b.cn", "a@b.cn"),
    ])
    func validEmail(_ text: String, _ normalised: String) {
        #expect(ContactSyntax.email(text) == normalised)
    }

    @Test("malformed e-mail addresses are refused", arguments: [
        "zhang", "zhang@", "@qq.com", "zhang@qq", "zhang@@qq.com", "zhang san@qq.com", ".zhang@qq.com",
        "zh..ang@qq.com", "zhang@-qq.com", "zhang@qq.c0m", "张三@qq.com", "zhang@qq..com", "zhang@qq.com.",
    ])
    func invalidEmail(_ text: String) {
        #expect(ContactSyntax.email(text) == nil)
    }

    @Test("mobile numbers: 11 digits starting with 1, separators and +86 tolerated")
    func mobile() {
        #expect(ContactSyntax.mobile("13800138000") == "13800138000")
        #expect(ContactSyntax.mobile("138 0013 8000") == "13800138000")
        #expect(ContactSyntax.mobile("+86 138-0013-8000") == "13800138000")
        #expect(ContactSyntax.mobile("8613800138000") == "13800138000")
        #expect(ContactSyntax.mobile("10000000001") == "10000000001")
        for bad in ["1380013800", "138001380001", "23800138000", "1380013800a", "0351-1234567", "1.38001E+10", ""] {
            #expect(ContactSyntax.mobile(bad) == nil, "\(bad)")
        }
    }

    @Test("staff ids and chat ids")
    func ids() {
        #expect(ContactSyntax.officialID(" LC00001 ") == "LC00001")
        #expect(ContactSyntax.officialID("a.b_c-1") == "a.b_c-1")
        #expect(ContactSyntax.officialID("-a") == nil)
        #expect(ContactSyntax.officialID("张三") == nil)
        #expect(ContactSyntax.chatID("ZhangSan") == "ZhangSan")
        #expect(ContactSyntax.chatID("zhang san") == nil)
    }
}
