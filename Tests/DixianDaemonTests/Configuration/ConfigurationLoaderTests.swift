import DixianCore
import Foundation
import Testing

@testable import DixianDaemon

@Suite struct ConfigurationLoaderTests {
    @Test func shippedConfigFileIsExactlyTheDefaults() throws {
        let path = ConfigFixtures.shippedConfigPath()
        let loaded = try ConfigurationLoader.load(path: path, environment: [:])
        #expect(loaded.configuration == Configuration.defaults)
        #expect(loaded.source == .file(path: path))
        #expect(loaded.warnings.isEmpty)
    }

    @Test func noPathAndNoVariableMeansEmbeddedDefaults() throws {
        let loaded = try ConfigurationLoader.load(path: nil, environment: ["DIXIAN_CONFIG": ""])
        #expect(loaded.configuration == .defaults)
        #expect(loaded.source == .embeddedDefaults)
        #expect(
            loaded.summary()
                == "配置有效 (configuration OK): 内置默认配置 (embedded defaults) · 数据库: 内嵌 PostgreSQL (./var/postgres)"
                + " · 监听 127.0.0.1:8080 · 时区 Asia/Shanghai"
        )
    }

    @Test func variableNamesTheFileWhenNoPathIsGiven() throws {
        try ConfigFixtures.withTemporaryDirectory { directory in
            let path = try ConfigFixtures.write("timezone: UTC\n", to: "dixian.yaml", in: directory)
            let loaded = try ConfigurationLoader.load(path: nil, environment: ["DIXIAN_CONFIG": path])
            #expect(loaded.configuration.timezone == "UTC")
            #expect(loaded.source == .file(path: path))
            // An explicit path wins over the variable.
            let other = try ConfigFixtures.write("", to: "other.yaml", in: directory)
            #expect(try ConfigurationLoader.load(path: other, environment: ["DIXIAN_CONFIG": path]).configuration == .defaults)
        }
    }

    @Test func readsEveryKey() throws {
        let text = """
            timezone: Asia/Urumqi
            state_dir: /var/lib/dixian
            log: {format: json, level: debug}
            http:
              listen: "[::1]:9090"
            database:
              url: postgres://dixian@db.example/dixian
              max_connections: 50
              connect_timeout: 1m
              embedded:
                run_as: pgsql
                bin_dir: /usr/lib/postgresql/15/bin
            plugins:
              dir: /usr/share/dixian/plugins
            """
        let configuration = try ConfigurationLoader.parse(text, file: "c.yaml")
        #expect(configuration.timezone == "Asia/Urumqi")
        #expect(configuration.stateDirectory == "/var/lib/dixian")
        #expect(configuration.log == .init(format: .json, level: .debug))
        #expect(configuration.http.listen == .init(host: "::1", port: 9090))
        #expect(configuration.database.url?.value.description == "postgres://dixian@db.example:5432/dixian")
        #expect(configuration.database.effectivePassword == nil)
        #expect(configuration.database.maxConnections == 50)
        #expect(configuration.database.connectTimeout == .seconds(60))
        #expect(configuration.database.embedded == .init(runAs: "pgsql", binDirectory: "/usr/lib/postgresql/15/bin"))
        #expect(configuration.plugins.directory == "/usr/share/dixian/plugins")
    }

    @Test func brokenFileReportsEveryProblemAtItsPosition() throws {
        try ConfigFixtures.withTemporaryDirectory { directory in
            let text = """
                timezone: Asia/Shanghai
                http:
                  lisen: 0.0.0.0:8080
                database:
                  max_connections: many
                log:
                  level: verbose
                """
            let path = try ConfigFixtures.write(text, to: "broken.yaml", in: directory)
            let error = #expect(throws: ConfigurationError.self) {
                try ConfigurationLoader.load(path: path, environment: [:])
            }
            #expect(error?.description.components(separatedBy: "\n") == [
                "\(path):3:3: error: 未知的键 'lisen' (unknown key) (是不是 'listen'? / did you mean 'listen'?)",
                "\(path):5:20: error: 应为整数 (expected an integer) (实际为字符串 / found a string)",
                "\(path):7:10: error: 无效的取值 'verbose' (invalid value) "
                    + "(可选值 / allowed values: trace, debug, info, notice, warning, error, critical)",
            ])
        }
    }

    @Test func brokenYAMLIsReportedAtItsOwnPosition() {
        let text = """
            log:
              format: json
               level: info
            """
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse(text, file: "/etc/dixian/dixian.yaml")
        }
        #expect(error?.diagnostics.count == 1)
        #expect(error?.diagnostics.first?.location == .init(file: "/etc/dixian/dixian.yaml", line: 3, column: 9))
        #expect(error?.description.hasPrefix("/etc/dixian/dixian.yaml:3:9: error: YAML 语法错误") == true)
    }

    @Test func unreadableConfigFileIsOneDiagnosticAtLineOne() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(path: "/nonexistent/dixian.yaml", environment: [:])
        }
        #expect(error?.description
            == "/nonexistent/dixian.yaml:1:1: error: 无法读取配置文件 (cannot read configuration file): 文件不存在 (no such file)")
    }

    @Test func invalidValuesAreCheckedBeyondTheirType() {
        let text = """
            timezone: Asia/Shanghi
            state_dir: ""
            http:
              listen: localhost
            database:
              max_connections: 0
              connect_timeout: 10
            """
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text, file: "c.yaml") }
        #expect(error?.diagnostics.map { "\($0.line):\($0.column)" } == ["1:11", "2:12", "4:11", "6:20", "7:20"])
        #expect(error?.diagnostics.first?.hint == "是不是 'Asia/Shanghai'? / did you mean 'Asia/Shanghai'?")
        #expect(error?.diagnostics[2].message
            == "无效的监听地址 'localhost' (invalid listen address): 缺少端口 (missing port)")
    }

    @Test func environmentOverridesURLAndPassword() throws {
        let environment = [
            "DIXIAN_DATABASE_URL": "postgresql://app@10.0.0.5:6432/county",
            "DIXIAN_DATABASE_PASSWORD": "from-env",
        ]
        // The file's url_file and password_file do not exist; with the variables set they are not read.
        let text = """
            database:
              url_file: /nonexistent/url
              password_file: /nonexistent/password
            """
        let configuration = try ConfigurationLoader.parse(text, file: "c.yaml", environment: environment)
        #expect(configuration.database.url?.value.description == "postgres://app@10.0.0.5:6432/county")
        #expect(configuration.database.password?.value == "from-env")
        // Also without any file.
        let loaded = try ConfigurationLoader.load(path: nil, environment: environment)
        #expect(loaded.configuration.database.url?.value.host == .network("10.0.0.5"))
        #expect(loaded.summary().contains("数据库: postgres://app@10.0.0.5:6432/county"))
    }

    @Test func badURLInTheEnvironmentNamesTheVariable() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(path: nil, environment: ["DIXIAN_DATABASE_URL": "mysql://u:hunter2@h/db"])
        }
        #expect(error?.diagnostics.first?.location == .init(file: "$DIXIAN_DATABASE_URL", line: 1, column: 1))
        #expect(error?.description.contains("hunter2") == false)
        #expect(error?.description.contains("mysql://u:****@h/db") == true)
    }

    @Test func urlAndURLFileAreExclusive() {
        let text = """
            database:
              url: postgres://a@h/db
              url_file: /run/credentials/dixian.service/database-url
            """
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text, file: "c.yaml") }
        #expect(error?.description
            == "c.yaml:3:3: error: 'url' 与 'url_file' 只能设置一个 (set either url or url_file, not both)")
    }

    @Test func secretFilesAreReadAndTrimmedOfOneNewline() throws {
        try ConfigFixtures.withTemporaryDirectory { directory in
            let urlFile = try ConfigFixtures.write("postgres://dixian:s3cr%40t@db.example/dixian\n", to: "url", in: directory)
            let passwordFile = try ConfigFixtures.write("pass word\n\n", to: "password", in: directory)
            let text = "database:\n  url_file: \(urlFile)\n  password_file: \(passwordFile)\n"
            let configuration = try ConfigurationLoader.parse(text, file: "c.yaml")
            #expect(configuration.database.url?.value.password == "s3cr@t")
            #expect(configuration.database.password?.value == "pass word\n")
            #expect(configuration.database.effectivePassword?.value == "pass word\n")
        }
    }

    @Test func unreadableSecretFileIsReportedAtTheKeyWithoutContent() throws {
        try ConfigFixtures.withTemporaryDirectory { directory in
            let text = "database:\n  password_file: \(directory.path)/missing\n  url_file: \(directory.path)\n"
            let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text, file: "c.yaml") }
            #expect(error?.diagnostics.map(\.location) == [
                .init(file: "c.yaml", line: 2, column: 3), .init(file: "c.yaml", line: 3, column: 3),
            ])
            #expect(error?.diagnostics[0].message
                == "无法读取文件 '\(directory.path)/missing' (cannot read file): 文件不存在 (no such file)")
            #expect(error?.diagnostics[1].message.contains("这是目录 (is a directory)") == true)
        }
    }

    @Test func badURLInAFileIsReportedInThatFileWithoutThePassword() throws {
        try ConfigFixtures.withTemporaryDirectory { directory in
            let urlFile = try ConfigFixtures.write("postgres://dixian:Hunter2-Secret@db.example/dixian?sslmode=off\n", to: "u", in: directory)
            let error = #expect(throws: ConfigurationError.self) {
                try ConfigurationLoader.parse("database:\n  url_file: \(urlFile)\n", file: "c.yaml")
            }
            #expect(error?.diagnostics.first?.location == .init(file: urlFile, line: 1, column: 1))
            #expect(error?.description.contains("Hunter2-Secret") == false)
            #expect(error?.description.contains("sslmode 'off'") == true)
        }
    }

    @Test func inlinePasswordIsRefused() {
        let text = "database:\n  password: hunter2\n"
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text, file: "c.yaml") }
        #expect(error?.diagnostics.map(\.location) == [.init(file: "c.yaml", line: 2, column: 3)])
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func badURLIsReportedAtTheValue() {
        let text = "database:\n  url: postgres://dixian:topsecret@db.example:99999/dixian\n"
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text, file: "c.yaml") }
        #expect(error?.description == "c.yaml:2:8: error: 无效的数据库 URL 'postgres://dixian:****@db.example:99999/dixian'"
            + " (invalid database URL): 端口应为 1-65535 (port must be 1-65535)")
    }

    @Test func externalDatabaseSummaryHasNoPassword() throws {
        let environment = ["DIXIAN_DATABASE_URL": "postgres://dixian:topsecret@db.example/dixian"]
        let loaded = LoadedConfiguration(
            configuration: try ConfigurationLoader.parse("", file: "/etc/dixian/dixian.yaml", environment: environment),
            source: .file(path: "/etc/dixian/dixian.yaml")
        )
        #expect(
            loaded.summary()
                == "配置有效 (configuration OK): /etc/dixian/dixian.yaml · 数据库: postgres://dixian@db.example:5432/dixian"
                + " · 监听 127.0.0.1:8080 · 时区 Asia/Shanghai"
        )
    }

    @Test func readingNeverCrashesOnMutatedConfigurations() throws {
        let original = Array(try String(contentsOfFile: ConfigFixtures.shippedConfigPath(), encoding: .utf8).unicodeScalars)
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces: [String] = [":", " ", "\n", "- ", "[", "{", "\"", "'", "#", "\t", "~", "url: x", "port", "@", "%"]
        for _ in 0..<500 {
            var scalars = original
            for _ in 0..<(1 + next(4)) {
                let index = next(scalars.count)
                if next(2) == 0 {
                    scalars.remove(at: index)
                } else {
                    scalars.insert(contentsOf: pieces[next(pieces.count)].unicodeScalars, at: index)
                }
            }
            do {
                _ = try ConfigurationLoader.parse(String(String.UnicodeScalarView(scalars)), file: "f.yaml")
            } catch {
                #expect(error.diagnostics.allSatisfy { $0.line >= 1 && $0.column >= 1 })
            }
        }
    }
}
