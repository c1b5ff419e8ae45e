import DixianCore
import Foundation
import Testing

@testable import DixianDaemon

/// Relative paths in a configuration file are relative to the file, and the overrides directory follows it.
@Suite struct ConfigurationPathTests {
    @Test func relativePathsInAFileResolveAgainstItsDirectory() throws {
        try ConfigFixtures.withTemporaryDirectory { directory in
            let base = directory.standardizedFileURL.path
            try FileManager.default.createDirectory(atPath: base + "/bureaus", withIntermediateDirectories: true)
            try ConfigFixtures.write("secret\n", to: "db-password", in: directory)
            let text = """
                state_dir: var
                database:
                  password_file: db-password
                  embedded:
                    bin_dir: ../pg/bin
                plugins:
                  dir: ./plugins
                  overrides_dir: bureaus
                schedule:
                  holidays_dir: holidays
                channels:
                  email:
                    type: maildir
                    dir: mail
                """
            let path = try ConfigFixtures.write(text, to: "dixian.yaml", in: directory)
            let loaded = try ConfigurationLoader.load(path: path, environment: [:])
            let configuration = loaded.configuration
            #expect(configuration.stateDirectory == base + "/var")
            #expect(configuration.database.password?.value == "secret")
            let parent = directory.deletingLastPathComponent().standardizedFileURL.path
            #expect(configuration.database.embedded.binDirectory == parent + "/pg/bin")
            #expect(configuration.plugins.directory == base + "/plugins")
            #expect(loaded.overridesDirectory == base + "/bureaus")
            #expect(configuration.schedule.holidaysDirectory == base + "/holidays")
            // A maildir stays under state_dir, as documented.
            #expect(configuration.channels["email"]?.target == "mail")
        }
    }

    @Test func absolutePathsAndLeftOutKeysAreUnchanged() throws {
        try ConfigFixtures.withTemporaryDirectory { directory in
            let path = try ConfigFixtures.write("plugins:\n  dir: /usr/share/dixian/plugins\n", to: "dixian.yaml", in: directory)
            let configuration = try ConfigurationLoader.load(path: path, environment: [:]).configuration
            #expect(configuration.plugins.directory == "/usr/share/dixian/plugins")
            #expect(configuration.stateDirectory == Configuration.defaults.stateDirectory)
            #expect(configuration.schedule.holidaysDirectory == Configuration.defaults.schedule.holidaysDirectory)
        }
    }

    @Test func parsedTextAndEmbeddedDefaultsKeepPathsRelativeToTheWorkingDirectory() throws {
        let configuration = try ConfigurationLoader.parse("state_dir: var\nplugins:\n  dir: plugins\n", file: "c.yaml")
        #expect(configuration.stateDirectory == "var")
        #expect(configuration.plugins.directory == "plugins")
        let loaded = try ConfigurationLoader.load(path: nil, environment: [:])
        #expect(loaded.overridesDirectory == "config/plugins")
    }

    @Test func overridesDirectoryDefaultsToPluginsDBesideTheFile() throws {
        try ConfigFixtures.withTemporaryDirectory { directory in
            let path = try ConfigFixtures.write("", to: "dixian.yaml", in: directory)
            let loaded = try ConfigurationLoader.load(path: path, environment: [:])
            #expect(loaded.configuration.plugins.overridesDirectory == nil)
            #expect(loaded.overridesDirectory == directory.standardizedFileURL.path + "/plugins.d")
        }
    }

    @Test func missingExplicitOverridesDirectoryIsAnErrorAtItsValue() throws {
        try ConfigFixtures.withTemporaryDirectory { directory in
            let path = try ConfigFixtures.write("plugins:\n  overrides_dir: bureaus\n", to: "dixian.yaml", in: directory)
            let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: path, environment: [:]) }
            #expect(error?.diagnostics.map(\.location) == [.init(file: path, line: 2, column: 18)])
            let missing = directory.standardizedFileURL.path + "/bureaus"
            #expect(error?.diagnostics.first?.message
                == "覆盖配置目录不存在 '\(missing)' (plugins.overrides_dir: no such directory)")
            #expect(error?.diagnostics.first?.hint?.contains("配置文件所在目录") == true)
        }
    }

    @Test func aFileIsNotAnOverridesDirectory() throws {
        try ConfigFixtures.withTemporaryDirectory { directory in
            try ConfigFixtures.write("", to: "bureaus", in: directory)
            let path = try ConfigFixtures.write("plugins:\n  overrides_dir: bureaus\n", to: "dixian.yaml", in: directory)
            #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: path, environment: [:]) }
        }
    }

    @Test func overridesReportSaysWhatWasRead() {
        #expect(OverridesReport(directory: "/etc/dixian/plugins.d", exists: true, fileCount: 2).description
            == "覆盖配置目录 /etc/dixian/plugins.d: 2 个文件 (overrides directory /etc/dixian/plugins.d: 2 files)")
        #expect(OverridesReport(directory: "/etc/dixian/plugins.d", exists: true, fileCount: 1).description
            == "覆盖配置目录 /etc/dixian/plugins.d: 1 个文件 (overrides directory /etc/dixian/plugins.d: 1 file)")
        #expect(OverridesReport(directory: "/etc/dixian/plugins.d", exists: false, fileCount: 0).description
            == "覆盖配置目录 /etc/dixian/plugins.d 不存在, 无覆盖配置 (overrides directory /etc/dixian/plugins.d missing: no overrides)")
    }
}
