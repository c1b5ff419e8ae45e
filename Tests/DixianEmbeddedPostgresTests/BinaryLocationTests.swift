import Foundation
import Testing

@testable import DixianEmbeddedPostgres

@Suite("Locating the server programs")
struct BinaryLocationTests {
    @Test func overrideDirectoryIsUsedAndVersioned() async throws {
        let binaries = try await EmbeddedPostgres.locateBinaries(override: debianBinDirectory, environment: [:])
        #expect(binaries.directory == debianBinDirectory)
        #expect(binaries.majorVersion == 15)
        #expect(binaries.version.hasPrefix("15."))
        #expect(binaries.path("pg_ctl") == debianBinDirectory + "/pg_ctl")
    }

    @Test func overrideWithoutProgramsNamesTheDirectory() async throws {
        let empty = NSTemporaryDirectory() + "/dixian-ep-empty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let error = await #expect(throws: EmbeddedPostgresError.self) {
            _ = try await EmbeddedPostgres.locateBinaries(override: empty, environment: [:])
        }
        #expect(error?.code == .binariesNotFound)
        #expect(error?.message.contains(empty) == true)
    }

    @Test func nothingInstalledNamesThePackage() async throws {
        let error = await #expect(throws: EmbeddedPostgresError.self) {
            _ = try await EmbeddedPostgres.locateBinaries(
                override: nil, environment: ["PATH": "/nonexistent-dixian"], preferredMajorVersion: nil,
                versionedRoots: []
            )
        }
        #expect(error?.code == .binariesNotFound)
        let message = try #require(error?.message)
        #expect(message.hasPrefix("未找到 PostgreSQL 服务器程序"))
        #expect(message.contains("apt-get install postgresql"))
        #expect(error?.description.contains("/nonexistent-dixian") == true)  // context lists what was searched
    }

    @Test func findsProgramsOnPath() async throws {
        let binaries = try await EmbeddedPostgres.locateBinaries(
            override: nil, environment: ["PATH": "/nonexistent-dixian:\(debianBinDirectory)"],
            preferredMajorVersion: nil, versionedRoots: []
        )
        #expect(binaries.directory == debianBinDirectory)
    }

    @Test func asksPgConfigForItsBinDirectory() async throws {
        // /usr/bin holds Debian's pg_config but none of the server programs.
        let binaries = try await EmbeddedPostgres.locateBinaries(
            override: nil, environment: ["PATH": "/usr/bin"], preferredMajorVersion: nil, versionedRoots: []
        )
        #expect(binaries.directory == debianBinDirectory)
    }

    @Test func prefersHighestDebianVersionNumerically() async throws {
        // A fake /usr/lib/postgresql: 9.6, 10 and 15 all point at the real programs; 16 is empty.
        let root = NSTemporaryDirectory() + "/dixian-ep-versions-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for version in ["9.6", "10", "15"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(version)", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: "\(root)/\(version)/bin", withDestinationPath: debianBinDirectory)
        }
        try FileManager.default.createDirectory(atPath: "\(root)/16/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(root)/notes", withIntermediateDirectories: true)

        let binaries = try await EmbeddedPostgres.locateBinaries(
            override: nil, environment: ["PATH": ""], preferredMajorVersion: nil, versionedRoots: [root]
        )
        #expect(binaries.directory == "\(root)/15/bin")
    }
}
