import Foundation
import Testing

/// One generated bad configuration file for `dixian check`: its bytes, a fragment of the error the operator
/// must read, and the text on the line the error must name (nil: no particular line, e.g. a whole-file error).
struct BadConfiguration: Sendable, CustomTestStringConvertible {
    /// What is wrong, for the test's name.
    var name: String
    /// The file's bytes, so BOMs, CRLF, NUL and invalid UTF-8 survive.
    var bytes: [UInt8]
    /// Part of the error message.
    var fragment: String
    /// The 1-based line the error names, if any.
    var line: Int?
    /// Whether the file can also go through `dixian migrate` with a database appended: only the plugin checks
    /// (`dead_letter_role`) are not the configuration loader's, and a file naming its own database keeps it.
    var runsAgainstDatabase: Bool

    var testDescription: String { name }

    /// A case from text; `at` is a piece of the line the error names (its first line containing it).
    init(_ name: String, _ text: String, _ fragment: String, at: String? = nil, database: Bool = true) {
        self.init(name, bytes: Array(text.utf8), fragment, line: at.map { Self.line(of: $0, in: text) }, database: database)
    }

    init(_ name: String, bytes: [UInt8], _ fragment: String, line: Int?, database: Bool = true) {
        self.name = name
        self.bytes = bytes
        self.fragment = fragment
        self.line = line
        let text = String(decoding: bytes, as: UTF8.self)
        self.runsAgainstDatabase = database && !text.contains("database")
    }

    static func line(of piece: String, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { $0.contains(piece) }) else {
            preconditionFailure("'\(piece)' is not in the case's text")
        }
        return index + 1
    }

    /// The file with `database.url` appended (lines keep their numbers).
    func appendingDatabase(_ url: String) -> [UInt8] {
        var bytes = self.bytes
        if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        return bytes + Array("database:\n  url: \"\(url)\"\n".utf8)
    }
}

extension BadConfiguration {
    /// Secret files the cases name, relative to the configuration file's directory.
    static let secretFiles: [String: String] = [
        "short-token": "abc\n",
        "empty-secret": "",
        "good-secret": "0123456789abcdef0123456789abcdef\n",
    ]

    static let unknownKey = "(unknown key)"
    static let outOfRange = "(out of range)"
    static let badDuration = "(invalid duration)"
    static let badListen = "(invalid listen address)"
    static let noSuchFile = "文件不存在 (no such file)"
    static let syntax = "YAML"

    /// Every case, generated: at least 100.
    static let all: [BadConfiguration] = unknownKeys + wrongTypes + ranges + durations + listens + secrets + roles
        + maildirs + passwords + brokenYAML + encodings + huge + controls + channels + others

    static let unknownKeys: [BadConfiguration] = [
        ("timezon: Asia/Shanghai\n", "timezon"),
        ("stat_dir: /var/lib/dixian\n", "stat_dir"),
        ("log:\n  formt: json\n", "formt"),
        ("http:\n  lisen: 127.0.0.1:8080\n", "lisen"),
        ("database:\n  max_conections: 5\n", "max_conections"),
        ("database:\n  embedded:\n    runas: postgres\n", "runas"),
        ("plugins:\n  dri: /x\n", "dri"),
        ("schedule:\n  tick_intervl: 1m\n", "tick_intervl"),
        ("api:\n  token: abcdefabcdefabcdef\n", "token"),
        ("links:\n  ttll: 14d\n", "ttll"),
        ("office:\n  nam: 县局\n", "nam"),
        ("notify:\n  batchsize: 10\n", "batchsize"),
        ("channels:\n  email:\n    type: maildir\n    dir: mail\n    dri: x\n", "dri"),
        ("channels:\n  hook:\n    type: webhook\n    url: https://h.example/x\n    secrets: x\n", "secrets"),
        ("notify:\n  enabled: true\nnotfy:\n  enabled: false\n", "notfy"),
        ("\"时区\": Asia/Shanghai\n", "时区"),
    ].enumerated().map { index, item in
        BadConfiguration("unknown key \(index + 1) '\(item.1)'", item.0, unknownKey, at: item.1)
    }

    static let wrongTypes: [BadConfiguration] = [
        BadConfiguration("max_connections is words", "database:\n  max_connections: many\n", "(expected an integer)", at: "many"),
        BadConfiguration("batch_size is a float", "notify:\n  batch_size: 1.5\n", "(expected an integer)", at: "1.5"),
        BadConfiguration("enabled is maybe", "notify:\n  enabled: maybe\n", "(expected true or false)", at: "maybe"),
        BadConfiguration("schedule.enabled is a number", "schedule:\n  enabled: 1\n", "(expected true or false)", at: "enabled"),
        BadConfiguration("log is a scalar", "log: json\n", "(expected a mapping)", at: "log"),
        BadConfiguration("database is a list", "database:\n  - url\n", "(expected a mapping)", at: "- url"),
        BadConfiguration("notify is a list", "notify: [1, 2]\n", "(expected a mapping)", at: "notify"),
        BadConfiguration("log.format unknown", "log:\n  format: xml\n", "(invalid value)", at: "xml"),
        BadConfiguration("log.level unknown", "log:\n  level: loud\n", "(invalid value)", at: "loud"),
        BadConfiguration("channel content unknown", "channels:\n  email:\n    type: maildir\n    dir: mail\n    content: fax\n", "(invalid value)", at: "fax"),
        BadConfiguration("timezone is a mapping", "timezone:\n  name: Asia/Shanghai\n", "(expected a string)", at: "name"),
        BadConfiguration("state_dir is a list", "state_dir: [a, b]\n", "(expected a string)", at: "state_dir"),
        BadConfiguration("channels is a list", "channels:\n  - email\n", "(expected a mapping)", at: "- email"),
        BadConfiguration("a channel is a scalar", "channels:\n  email: maildir\n", "(expected a mapping)", at: "email"),
        BadConfiguration("digest_window is a list", "notify:\n  digest_window: [1s]\n", "(expected a duration)", at: "digest_window"),
    ]

    static let ranges: [BadConfiguration] = [
        ("database:\n  max_connections: 0\n", "max_connections"),
        ("database:\n  max_connections: 201\n", "max_connections"),
        ("notify:\n  batch_size: 0\n", "batch_size"),
        ("notify:\n  batch_size: 10001\n", "batch_size"),
        ("notify:\n  digest_max_items: 201\n", "digest_max_items"),
        ("notify:\n  max_attempts: 0\n", "max_attempts"),
        ("notify:\n  max_attempts: -3\n", "max_attempts"),
        ("channels:\n  email:\n    type: maildir\n    dir: mail\n    concurrency: 0\n", "concurrency"),
        ("channels:\n  email:\n    type: smtp\n    host: mail.example\n    port: 70000\n", "port"),
        ("channels:\n  email:\n    type: smtp\n    host: mail.example\n    port: 0\n", "port"),
    ].enumerated().map { index, item in
        BadConfiguration("out of range \(index + 1) \(item.1)", item.0, outOfRange, at: item.1)
    }

    static let durations: [BadConfiguration] = [
        ("database:\n  connect_timeout: 10x\n", badDuration, "connect_timeout"),
        ("database:\n  connect_timeout: 1h30\n", badDuration, "connect_timeout"),
        ("database:\n  connect_timeout: -5s\n", badDuration, "connect_timeout"),
        ("database:\n  connect_timeout: 0s\n", outOfRange, "connect_timeout"),
        ("database:\n  connect_timeout: 11m\n", outOfRange, "connect_timeout"),
        ("schedule:\n  tick_interval: 0s\n", outOfRange, "tick_interval"),
        ("schedule:\n  tick_interval: 2h\n", outOfRange, "tick_interval"),
        ("links:\n  ttl: 1m\n", outOfRange, "ttl"),
        ("links:\n  ttl: 91d\n", outOfRange, "ttl"),
        ("notify:\n  max_age: 10s\n", outOfRange, "max_age"),
        ("notify:\n  sweep_interval: 1ms\n", outOfRange, "sweep_interval"),
        ("notify:\n  retry_initial: 2d\n", outOfRange, "retry_initial"),
        ("notify:\n  digest_window: 2h\n", outOfRange, "digest_window"),
        ("notify:\n  retry_max_delay: soon\n", badDuration, "retry_max_delay"),
        ("notify:\n  max_age: 1y\n", badDuration, "max_age"),
        ("channels:\n  email:\n    type: smtp\n    host: mail.example\n    timeout: 0s\n", outOfRange, "timeout"),
    ].enumerated().map { index, item in
        BadConfiguration("duration \(index + 1) \(item.2)", item.0, item.1, at: item.2)
    }

    static let listens: [BadConfiguration] = [
        "127.0.0.1", "127.0.0.1:99999", "127.0.0.1:0x50", "::1:8080", "[::1", "[::1]", "[]:80", "bad host:80",
        "127.0.0.1:", "localhost:-1",
    ].enumerated().map { index, listen in
        BadConfiguration("listen \(index + 1) '\(listen)'", "http:\n  listen: \"\(listen)\"\n", badListen, at: "listen")
    }

    static let secrets: [BadConfiguration] = [
        BadConfiguration("missing password_file", "database:\n  password_file: missing-password\n", noSuchFile, at: "password_file"),
        BadConfiguration("missing url_file", "database:\n  url_file: missing-url\n", noSuchFile, at: "url_file"),
        BadConfiguration("missing api token_file", "api:\n  token_file: missing-token\n", noSuchFile, at: "token_file"),
        BadConfiguration("missing links secret_file", "links:\n  secret_file: /nonexistent/link-secret\n", noSuchFile, at: "secret_file"),
        BadConfiguration("missing webhook secret_file",
            "channels:\n  hook:\n    type: webhook\n    url: https://h.example/x\n    secret_file: gone\n", noSuchFile, at: "secret_file"),
        BadConfiguration("missing smtp password_file",
            "channels:\n  email:\n    type: smtp\n    host: mail.example\n    username: u\n    password_file: gone\n", noSuchFile, at: "password_file"),
        BadConfiguration("missing ca_file",
            "channels:\n  email:\n    type: smtp\n    host: mail.example\n    ca_file: gone.pem\n", "(cannot read CA file)", at: "ca_file"),
        BadConfiguration("empty secret file", "api:\n  token_file: empty-secret\n", "(file is empty)", at: "token_file"),
        BadConfiguration("secret file is a directory", "api:\n  token_file: .\n", "(is a directory)", at: "token_file"),
        BadConfiguration("short api token", "api:\n  token_file: short-token\n", "(API token must have at least 16 characters)", at: "token_file"),
        BadConfiguration("smtp username without password", "channels:\n  email:\n    type: smtp\n    host: mail.example\n    username: u\n",
            "(username without password_file)", at: "username"),
        BadConfiguration("empty secret_file path", "links:\n  secret_file: \"\"\n", "(must not be empty)", at: "secret_file"),
    ]

    static let roles: [BadConfiguration] = [
        "nobody", "county_ofice", "COUNTY_OFFICE", "县乡村振兴局", "county office", "role\u{7}bell",
    ].enumerated().map { index, role in
        BadConfiguration(
            "dead-letter role \(index + 1)", "notify:\n  dead_letter_role: \"\(role.unicodeScalars.map { $0.value < 0x20 ? "\\x07" : String($0) }.joined())\"\n",
            "(notify.dead_letter_role names no declared role: dead letters would tell nobody)", at: "dead_letter_role", database: false)
    } + [BadConfiguration("empty dead-letter role", "notify:\n  dead_letter_role: \"\"\n", "(must not be empty)", at: "dead_letter_role")]

    static let maildirs: [BadConfiguration] = [
        "../../../../etc", "..", "../mail", "./../mail", "mail/../../x", "a/b/../../../c", "mail/./../../etc/cron.d",
    ].enumerated().map { index, dir in
        BadConfiguration(
            "maildir \(index + 1) '\(dir)'", "channels:\n  email:\n    type: maildir\n    dir: \"\(dir)\"\n",
            "(maildir dir leaves state_dir)", at: "dir:")
    } + [BadConfiguration("empty maildir", "channels:\n  email:\n    type: maildir\n    dir: \"\"\n", "(must not be empty)", at: "dir:"),
         BadConfiguration("maildir without dir", "channels:\n  email:\n    type: maildir\n", "(missing required key)", at: "type")]

    static let passwords: [BadConfiguration] = [
        "postgres://dixian:hunter2@db.example/dixian",
        "postgresql://dixian:hunter2@db.example:5432/dixian?sslmode=require",
        "postgres://dixian:p%40ss@[::1]/dixian",
        "postgres://u:x@/dixian?host=/run/postgresql",
    ].enumerated().map { index, url in
        BadConfiguration(
            "password in url \(index + 1)", "database:\n  url: \"\(url)\"\n",
            "(a password inside database.url does not belong in the configuration file)", at: "url")
    } + [
        BadConfiguration("plain database password", "database:\n  password: hunter2\n", "(passwords do not belong in the configuration file)", at: "password"),
        BadConfiguration("plain smtp password", "channels:\n  email:\n    type: smtp\n    host: mail.example\n    password: hunter2\n",
            "(passwords do not belong in the configuration file)", at: "password"),
    ]

    static let brokenYAML: [BadConfiguration] = [
        ("log:\n  format: [json\n", nil),
        ("log: {format: json\n", nil),
        ("timezone: 'Asia/Shanghai\n", nil),
        ("timezone: \"Asia/Shanghai\n", nil),
        ("log:\n\tformat: json\n", nil),
        ("a: b: c\n", nil),
        ("- just\n- a list\n", "(expected a mapping)"),
        ("just text\n", "(expected a mapping)"),
        ("log:\n  format: json\n    level: info\n", nil),
        ("timezone: Asia/Shanghai\ntimezone: Asia/Urumqi\n", "重复的键"),
        ("log: &a {format: json}\nhttp: *a\n", unknownKey),
        ("--- \ntimezone: UTC\n---\ntimezone: UTC\n", nil),
        ("{\n", nil),
        ("? complex\n: key\n", unknownKey),
    ].enumerated().map { index, item in
        BadConfiguration("broken YAML \(index + 1)", item.0, item.1 ?? syntax)
    }

    static let encodings: [BadConfiguration] = [
        BadConfiguration("BOM and a bad duration on line 2", bytes: [0xEF, 0xBB, 0xBF] + Array("links:\n  ttl: soon\n".utf8), badDuration, line: 2),
        BadConfiguration("BOM and an unknown key", bytes: [0xEF, 0xBB, 0xBF] + Array("timezon: UTC\n".utf8), unknownKey, line: 1),
        BadConfiguration("UTF-16 BOM", bytes: [0xFF, 0xFE] + Array("t\0i\0".utf8), "(UTF-16LE is not supported", line: 1),
        BadConfiguration("CRLF and an unknown key on line 3", bytes: Array("log:\r\n  format: json\r\n  levle: info\r\n".utf8), unknownKey, line: 3),
        BadConfiguration("CRLF and a bad duration on line 2", bytes: Array("links:\r\n  ttl: 5 days\r\n".utf8), badDuration, line: 2),
        BadConfiguration("CR only line ends", bytes: Array("log:\r  formt: json\r".utf8), "error", line: nil),
        BadConfiguration("invalid UTF-8", bytes: Array("office:\n  name: ".utf8) + [0xC3, 0x28] + Array("\n".utf8), "(file is not valid UTF-8)", line: 2),
        BadConfiguration("NUL byte", bytes: Array("timezone: Asia/Shanghai\n".utf8) + [0] + Array("log: {}\n".utf8), syntax, line: nil),
        BadConfiguration("Latin-1 text", bytes: Array("office:\n  name: ".utf8) + [0xE9, 0x74, 0xE9] + [0x0A], "(file is not valid UTF-8)", line: 2),
    ]

    static let huge: [BadConfiguration] = [
        BadConfiguration("huge integer", "database:\n  max_connections: 99999999999999999999999999\n", "error", at: "max_connections"),
        BadConfiguration("huge float", "notify:\n  batch_size: 1e300\n", "(expected an integer)", at: "batch_size"),
        BadConfiguration("huge duration", "links:\n  ttl: 99999999999999999999d\n", "error", at: "ttl"),
        BadConfiguration("huge key", String(repeating: "k", count: 100_000) + ": 1\n", "YAML 语法错误 (syntax error)", at: "kkkk"),
        BadConfiguration("huge timezone", "timezone: " + String(repeating: "Asia/", count: 20_000) + "X\n", "(unknown time zone)", at: "timezone"),
        BadConfiguration("deep nesting under an unknown key",
            "deep:\n" + (1...150).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " 1\n", unknownKey, at: "deep"),
        BadConfiguration("many unknown keys", (1...2_000).map { "key\($0): \($0)" }.joined(separator: "\n") + "\n", unknownKey, at: "key1:"),
    ]

    static let controls: [BadConfiguration] = [
        BadConfiguration("escape in timezone", "timezone: \"Asia/Shang\\u001bhai\"\n", "(unknown time zone)", at: "timezone"),
        BadConfiguration("bell in a channel name", "channels:\n  \"em\\u0007ail\":\n    type: maildir\n    dir: mail\n", "(invalid channel name)", at: "em"),
        BadConfiguration("raw control byte", bytes: Array("timezone: Asia/Shang".utf8) + [0x07] + Array("hai\n".utf8), "error", line: nil),
        BadConfiguration("DEL in listen", "http:\n  listen: \"127.0.0.1:80\\u007f\"\n", badListen, at: "listen"),
        BadConfiguration("newline in a sender", "channels:\n  email:\n    type: maildir\n    dir: mail\n    from: \"a@b.cn\\nBcc: x@y.cn\"\n",
            "(invalid sender)", at: "from"),
        BadConfiguration("C1 control in a log level", "log:\n  level: \"info\\u0085\"\n", "(invalid value)", at: "level"),
    ]

    static let channels: [BadConfiguration] = [
        BadConfiguration("unknown channel type", "channels:\n  email:\n    type: carrier-pigeon\n", "(invalid value)", at: "carrier-pigeon"),
        BadConfiguration("channel without type", "channels:\n  email:\n    dir: mail\n", "(missing required key)", at: "dir"),
        BadConfiguration("upper-case channel name", "channels:\n  Email:\n    type: maildir\n    dir: mail\n", "(invalid channel name)", at: "Email"),
        BadConfiguration("smtp without host", "channels:\n  email:\n    type: smtp\n", "(missing required key)", at: "type"),
        BadConfiguration("webhook with ftp url", "channels:\n  hook:\n    type: webhook\n    url: ftp://example\n", "error", at: "ftp"),
        BadConfiguration("bad rate limit", "channels:\n  email:\n    type: maildir\n    dir: mail\n    rate_limit: fast\n", "(invalid rate limit)", at: "fast"),
        BadConfiguration("zero rate limit", "channels:\n  email:\n    type: maildir\n    dir: mail\n    rate_limit: 0/1m\n", "(invalid rate limit)", at: "rate_limit"),
        BadConfiguration("undefined dead-letter channel", "notify:\n  dead_letter_channel: fax\n", "(undefined channel)", at: "notify"),
        BadConfiguration("invalid sender", "channels:\n  email:\n    type: maildir\n    dir: mail\n    from: not an address\n", "(invalid sender)", at: "from"),
        BadConfiguration("smtp tls unknown", "channels:\n  email:\n    type: smtp\n    host: mail.example\n    tls: maybe\n", "(invalid value)", at: "maybe"),
    ]

    static let others: [BadConfiguration] = [
        BadConfiguration("unknown time zone", "timezone: Mars/Olympus\n", "(unknown time zone)", at: "timezone"),
        BadConfiguration("empty time zone", "timezone: \"\"\n", "(must not be empty)", at: "timezone"),
        BadConfiguration("inverted working hours", "schedule:\n  working_hours: 18:00-08:00\n", "(invalid working hours)", at: "working_hours"),
        BadConfiguration("working hours without minutes", "schedule:\n  working_hours: 8-17\n", "(invalid working hours)", at: "working_hours"),
        BadConfiguration("ftp base url", "links:\n  base_url: ftp://dixian.example\n", "(invalid base URL)", at: "base_url"),
        BadConfiguration("base url without host", "links:\n  base_url: not a url\n", "(invalid base URL)", at: "base_url"),
        BadConfiguration("url and url_file", "database:\n  url: postgres://a@h/db\n  url_file: good-secret\n", "(set either url or url_file, not both)", at: "url_file"),
        BadConfiguration("mysql url", "database:\n  url: mysql://a@h/db\n", "(invalid database URL)", at: "url"),
        BadConfiguration("database port out of range", "database:\n  url: postgres://a@h:99999/db\n", "(invalid database URL)", at: "url"),
        BadConfiguration("empty state_dir", "state_dir: \"\"\n", "(must not be empty)", at: "state_dir"),
        BadConfiguration("empty office name", "office:\n  name: \"\"\n", "(must not be empty)", at: "name"),
    ]
}
