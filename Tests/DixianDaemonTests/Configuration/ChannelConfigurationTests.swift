import DixianDaemon
import DixianNotify
import Foundation
import Testing

@Suite("channels:, office: and notify: in dixian.yaml")
struct ChannelConfigurationTests {
    @Test("the embedded defaults define email and chat as local maildirs")
    func defaults() {
        let channels = Configuration.defaults.channels
        #expect(Set(channels.keys) == ["email", "chat"])
        #expect(channels["email"]?.carriesEmail == true)
        #expect(channels["chat"]?.carriesEmail == false)
        #expect(Configuration.defaults.notify.digestWindow == .seconds(600))
    }

    @Test("an SMTP channel with its password from a file; chat keeps its default")
    func smtpChannel() throws {
        try ConfigFixtures.withTemporaryDirectory { directory in
            let password = try ConfigFixtures.write("s3cret\n", to: "smtp-password", in: directory)
            let text = """
                office: {name: 岚川县乡村振兴局, phone: 0931-1234567}
                channels:
                  email:
                    type: smtp
                    host: smtp.example.gov.cn
                    username: dixian
                    password_file: \(password)
                    from: "岚川县乡村振兴局 <dixian@example.gov.cn>"
                    rate_limit: 100/1m
                """
            let configuration = try ConfigurationLoader.parse(text, file: "c.yaml")
            #expect(configuration.office.name == "岚川县乡村振兴局")
            #expect(configuration.office.phone == "0931-1234567")
            let email = try #require(configuration.channels["email"])
            #expect(email.kind == .smtp)
            #expect(email.rateLimit == Configuration.RateLimit(messages: 100, period: .seconds(60)))
            guard case .smtp(let smtp) = email.transport else { Issue.record("not smtp"); return }
            #expect(smtp.port == 587 && smtp.tls == .starttls)
            #expect(smtp.password?.value == "s3cret")
            #expect(!"\(email)".contains("s3cret"))
            #expect(configuration.channels["chat"] == Configuration.defaultChannels["chat"])
        }
    }

    @Test("bot channels take their URL and secret from files or the environment")
    func botChannel() throws {
        let text = """
            channels:
              chat:
                type: dingtalk
                url: https://oapi.dingtalk.com/robot/send?access_token=abc
                rate_limit: 20/1m
              ops-hook:
                type: webhook
                url: https://hooks.example.gov.cn/dixian
            """
        let environment = ["DIXIAN_WEBHOOK_SECRET_CHAT": "SECabc", "DIXIAN_WEBHOOK_SECRET_OPS_HOOK": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]
        let configuration = try ConfigurationLoader.parse(text, file: "c.yaml", environment: environment)
        let chat = try #require(configuration.channels["chat"])
        guard case .webhook(let webhook) = chat.transport else { Issue.record("not a webhook"); return }
        #expect(chat.kind == .dingtalk && !chat.carriesEmail)
        #expect(webhook.secret?.value == "SECabc")
        #expect(webhook.redactedURL == "https://oapi.dingtalk.com/…")
        #expect(configuration.channels["ops-hook"]?.kind == .webhook)
    }

    @Test("mistakes are reported where they are written and change nothing")
    func mistakes() {
        let text = """
            notify:
              digest_window: 2h
            channels:
              email:
                type: smtp
                password: plain
                host: smtp.example.gov.cn
              Bad_Name:
                type: maildir
                dir: ./x
              hook:
                type: webhook
                url: ftp://example
                secret_file: /nonexistent/secret
              chat:
                type: carrier-pigeon
              slow:
                type: maildir
                dir: ./slow
                rate_limit: fast
            """
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text, file: "c.yaml") }
        let lines = error?.diagnostics.map { "\($0.line):\($0.column)" } ?? []
        #expect(lines.contains("2:18"), "digest_window out of range")
        #expect(lines.contains("6:5"), "inline password")
        #expect(lines.contains("8:3"), "bad channel name")
        #expect(lines.contains("13:10"), "bad URL")
        #expect(lines.contains("16:11"), "unknown type")
        #expect(lines.contains("20:17"), "bad rate limit")
        #expect(error?.description.contains("plain") == false)
    }
}
