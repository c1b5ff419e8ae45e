import DixianNotify
import Testing

@Suite("Mail addresses")
struct MailAddressTests {
    @Test("parses a Chinese display name with an address")
    func displayName() throws {
        let address = try MailAddress(parsing: "县乡村振兴局 <dixian@example.gov.cn>")
        #expect(address.displayName == "县乡村振兴局")
        #expect(address.address == "dixian@example.gov.cn")
        #expect(address.description == "县乡村振兴局 <dixian@example.gov.cn>")
    }

    @Test("parses bare, bracketed and quoted forms")
    func forms() throws {
        let bare = try MailAddress(parsing: "  zhang.san+duty@xian.gov.cn ")
        #expect(bare.displayName == nil)
        #expect(bare.address == "zhang.san+duty@xian.gov.cn")
        #expect(try MailAddress(parsing: "<a@b.cn>") == MailAddress(address: "a@b.cn"))
        let quoted = try MailAddress(parsing: #""Office, \"Flood\" Desk" <desk@b.cn>"#)
        #expect(quoted.displayName == #"Office, "Flood" Desk"#)
    }

    @Test("refuses malformed addresses with malformed_address", arguments: [
        "", "dixian", "dixian@", "@example.gov.cn", "a@@b.cn", "a b@c.cn", "a..b@c.cn", ".a@c.cn",
        "a@-c.cn", "a@c..cn", "a@c_d.cn", "县@example.gov.cn", "a@例子.中国", "Name <a@b.cn", "Name a@b.cn>",
        "\"unterminated <a@b.cn>", "Na\"me <a@b.cn>",
    ])
    func malformed(_ input: String) {
        #expect {
            try MailAddress(parsing: input)
        } throws: { error in
            (error as? MIMEError)?.code == .malformedAddress
        }
    }

    @Test("refuses CR and LF as header injection", arguments: [
        "Evil\r\nBcc: x@y.cn <a@b.cn>", "a@b.cn\r\nBcc: x@y.cn", "Name\n <a@b.cn>", "a@b.cn\r",
    ])
    func injection(_ input: String) {
        #expect {
            try MailAddress(parsing: input)
        } throws: { error in
            (error as? MIMEError)?.code == .headerInjection
        }
        #expect(throws: MIMEError.self) { try MailAddress(displayName: input, address: "a@b.cn") }
    }
}
