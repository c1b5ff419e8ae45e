import Foundation
import Testing

@testable import DixianDaemon

/// `links.base_url`, when not set, follows `http.listen` and `--listen`.
@Suite struct LinkBaseURLTests {
    @Test(arguments: [
        ("127.0.0.1:8080", "http://127.0.0.1:8080"), ("0.0.0.0:9000", "http://127.0.0.1:9000"),
        ("[::]:9000", "http://127.0.0.1:9000"), ("[::1]:8443", "http://[::1]:8443"),
        ("10.1.2.3:80", "http://10.1.2.3:80"), ("dixian.county.example:8080", "http://dixian.county.example:8080"),
        ("[fe80::1%eth0]:8080", "http://[fe80::1%25eth0]:8080"),
    ])
    func browserURLOfAListenAddress(listen: String, url: String) throws {
        #expect(try Configuration.ListenAddress(parsing: listen).browserURL == url)
    }

    @Test func theDefaultIsTheDefaultListenAddress() {
        #expect(Configuration.defaults.links.baseURL == "http://127.0.0.1:8080")
        #expect(!Configuration.defaults.links.isBaseURLConfigured)
    }

    @Test func unsetBaseURLFollowsTheFile() throws {
        let configuration = try ConfigurationLoader.parse("http:\n  listen: 0.0.0.0:9000\n", file: "c.yaml")
        #expect(configuration.links.baseURL == "http://127.0.0.1:9000")
    }

    @Test func aConfiguredBaseURLWins() throws {
        var configuration = try ConfigurationLoader.parse(
            "http:\n  listen: 0.0.0.0:9000\nlinks:\n  base_url: https://dixian.county.example/\n", file: "c.yaml")
        #expect(configuration.links.baseURL == "https://dixian.county.example")
        try ConfigurationOverrides(listen: "127.0.0.1:7000").apply(to: &configuration)
        #expect(configuration.links.baseURL == "https://dixian.county.example")
    }

    @Test func unsetBaseURLFollowsTheListenFlag() throws {
        var configuration = try ConfigurationLoader.parse("", file: "c.yaml")
        try ConfigurationOverrides(listen: "[::]:7000").apply(to: &configuration)
        #expect(configuration.links.baseURL == "http://127.0.0.1:7000")
    }

    @Test func aWildcardListenWithoutBaseURLIsWarnedAbout() throws {
        try ConfigFixtures.withTemporaryDirectory { directory in
            let path = try ConfigFixtures.write("http:\n  listen: 0.0.0.0:9000\n", to: "dixian.yaml", in: directory)
            let warnings = try DaemonOptions(configPath: path, environment: [:]).loadConfiguration().warnings
            #expect(warnings.map(\.message) == [
                "未设置 links.base_url, 链接指向 http://127.0.0.1:9000, 只有本机能打开"
                    + " (links.base_url unset: links point to http://127.0.0.1:9000, reachable from this machine only)",
            ])
            #expect(warnings.first?.file == path)
            let named = try ConfigFixtures.write(
                "http:\n  listen: 0.0.0.0:9000\nlinks:\n  base_url: https://dixian.example\n", to: "named.yaml", in: directory)
            #expect(try DaemonOptions(configPath: named, environment: [:]).loadConfiguration().warnings.isEmpty)
        }
        let flag = DaemonOptions(overrides: ConfigurationOverrides(listen: "[::]:7000"), environment: [:])
        #expect(try flag.loadConfiguration().warnings.count == 1)
        #expect(try DaemonOptions(environment: [:]).loadConfiguration().warnings.isEmpty)
    }
}
