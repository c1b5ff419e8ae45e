import Testing

@testable import DixianDaemon

@Suite struct DatabaseURLTests {
    typealias Host = DatabaseURL.Host

    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var expected: DatabaseURL
        var description: String { text }
    }

    static let valid: [Case] = [
        Case(
            text: "postgres://dixian@db.example/dixian",
            expected: DatabaseURL(user: "dixian", host: .network("db.example"), sslMode: .verifyFull)
        ),
        Case(
            text: "postgresql://dixian:p%40ss%3Aw%2Fd@db.example:6543/county",
            expected: DatabaseURL(
                user: "dixian", password: "p@ss:w/d", host: .network("db.example"), port: 6543,
                database: "county", sslMode: .verifyFull
            )
        ),
        Case(
            // Unencoded '@' and '/' in a password still work: the user information ends at the last '@'.
            text: "postgres://dixian:a@b/c@db.example/dixian",
            expected: DatabaseURL(user: "dixian", password: "a@b/c", host: .network("db.example"))
        ),
        Case(
            text: "postgres://u@[2001:db8::1]:5433/d",
            expected: DatabaseURL(user: "u", host: .network("2001:db8::1"), port: 5433, database: "d")
        ),
        Case(
            text: "postgres://u@[::1]/d",
            expected: DatabaseURL(user: "u", host: .network("::1"), database: "d", sslMode: .disable)
        ),
        Case(
            text: "postgres://u@localhost/d",
            expected: DatabaseURL(user: "u", host: .network("localhost"), database: "d", sslMode: .disable)
        ),
        Case(
            text: "postgres://u@127.0.0.1:5432/d",
            expected: DatabaseURL(user: "u", host: .network("127.0.0.1"), database: "d", sslMode: .disable)
        ),
        Case(
            text: "postgres://dixian@/dixian?host=/run/postgresql",
            expected: DatabaseURL(user: "dixian", host: .unixSocket(directory: "/run/postgresql"), sslMode: .disable)
        ),
        Case(
            text: "postgres://dixian@%2Fvar%2Frun%2Fpostgresql:5433",
            expected: DatabaseURL(user: "dixian", host: .unixSocket(directory: "/var/run/postgresql"), port: 5433)
        ),
        Case(
            text: "POSTGRES://u@db.example/d?sslmode=require&sslrootcert=/etc/dixian/ca%40.pem",
            expected: DatabaseURL(
                user: "u", host: .network("db.example"), database: "d", sslMode: .require,
                sslRootCertificate: "/etc/dixian/ca@.pem"
            )
        ),
        Case(
            text: "postgres://u@localhost/d?sslmode=verify-ca",
            expected: DatabaseURL(user: "u", host: .network("localhost"), database: "d", sslMode: .verifyCA)
        ),
    ]

    @Test(arguments: valid)
    func parses(_ testCase: Case) throws {
        #expect(try DatabaseURL(parsing: testCase.text) == testCase.expected)
    }

    static let invalid: [(text: String, reason: String)] = [
        ("mysql://u:pw@h/d", "应以 postgres:// 或 postgresql:// 开头"),
        ("host=db password=pw", "应以 postgres:// 或 postgresql:// 开头"),
        ("postgres://db.example/d", "缺少用户名"),
        ("postgres://u:pw@/d", "缺少主机"),
        ("postgres://u:pw@h:0/d", "端口应为 1-65535"),
        ("postgres://u:pw@h:54x/d", "端口应为 1-65535"),
        ("postgres://u:pw@::1/d", "IPv6 地址需加方括号"),
        ("postgres://u:pw@[::1/d", "缺少 ']'"),
        ("postgres://u:pw@h1,h2/d", "不支持多个主机"),
        ("postgres://u:pw@h/d?sslmode=verify_full", "无效的 sslmode 'verify_full'"),
        ("postgres://u:pw@h/d?application_name=x", "不支持的参数 'application_name'"),
        ("postgres://u:pw@h/d?sslmode=disable&sslmode=require", "参数 'sslmode' 重复"),
        ("postgres://u:pw@h/d?sslmode=", "参数 'sslmode' 缺少值"),
        ("postgres://u:pw@h/d#x", "不支持 '#' 片段"),
        ("postgres://u:p%zz@h/d", "密码的百分号编码无效"),
        ("postgres://u@h/d\nsecond line", "不能含空白或控制字符"),
        ("postgres://u:pass word@h/d", "不能含空白或控制字符"),
    ]

    @Test(arguments: invalid)
    func rejects(text: String, reason: String) {
        let error = #expect(throws: DatabaseURL.ParseError.self) { try DatabaseURL(parsing: text) }
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
    }

    @Test func suggestsTheNearestSSLMode() {
        let error = #expect(throws: DatabaseURL.ParseError.self) {
            try DatabaseURL(parsing: "postgres://u@h/d?sslmode=verify_full")
        }
        #expect(error?.hint == "是不是 'verify-full'? / did you mean 'verify-full'?")
    }

    @Test(arguments: [
        "postgres://u:Sup3rS3cret@h:0/d", "postgres://u:Sup3rS3cret@h/d?bad=1", "postgres://u:Sup3rS3cret@/d",
        "postgres://u:Sup3rS3cret@h/d?sslmode=nope", "mysql://u:Sup3rS3cret@h/d", "postgres://u:Sup3rS3cret",
        "Sup3rS3cret", "postgres://u:Sup3r/S3cret@h:x/d", "postgres://u:Sup3rS3cret@h1,h2/d",
        "postgres://u:Sup3rS3cret@[::1/d", "postgres://u:%zzSup3rS3cret@h/d", "postgres://u:Sup3rS3cret/d?x=1",
    ])
    func errorTextNeverContainsThePassword(text: String) {
        let error = #expect(throws: DatabaseURL.ParseError.self) { try DatabaseURL(parsing: text) }
        for fragment in ["Sup3rS3cret", "Sup3r", "S3cret"] {
            #expect(error?.description.contains(fragment) == false, "\(error?.description ?? "")")
        }
    }

    @Test func errorShowsTheURLWithPasswordMasked() {
        let error = #expect(throws: DatabaseURL.ParseError.self) {
            try DatabaseURL(parsing: "postgres://dixian:pw@db.example/d?foo=1")
        }
        #expect(error?.message
            == "无效的数据库 URL 'postgres://dixian:****@db.example/d?foo=1' (invalid database URL): "
            + "不支持的参数 'foo' (unsupported parameter)")
        #expect(error?.hint == "支持的参数 / supported parameters: host, sslmode, sslrootcert")
    }

    @Test func maskingKeepsEverythingButThePassword() {
        #expect(DatabaseURL.masked("postgres://u:pw@h:1/d?sslmode=disable") == "postgres://u:****@h:1/d?sslmode=disable")
        #expect(DatabaseURL.masked("postgres://u@h:5432/d") == "postgres://u@h:5432/d")
        #expect(DatabaseURL.masked("postgres://h:5432/d") == "postgres://h:5432/d")
        #expect(DatabaseURL.masked("postgres://u:pw/d") == "postgres://u:****/d")
        #expect(DatabaseURL.masked("user=u password=pw") == nil)
    }

    @Test func descriptionHasNoPassword() throws {
        let url = try DatabaseURL(parsing: "postgres://dixian:pw@[::1]:5433/county")
        #expect(url.description == "postgres://dixian@[::1]:5433/county")
        #expect(String(reflecting: url) == url.description)
        var dumped = ""
        dump(url, to: &dumped)
        #expect(!dumped.contains("pw"))
        let socket = DatabaseURL(user: "dixian", host: .unixSocket(directory: "/run/postgresql"), port: 5433)
        #expect(socket.description == "postgres://dixian@:5433/dixian?host=/run/postgresql")
    }
}
