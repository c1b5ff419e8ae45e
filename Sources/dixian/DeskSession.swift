import ArgumentParser
import DixianCore
import DixianDaemon
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// How the ledger, report and bulletin commands reach the database: the configuration and clock loaded, migrations
/// applied, and a refusal ended as the operator expects: its message (and each row's issue) on stderr, exit 1,
/// nothing changed.
enum DeskSession {
    /// What a desk is made from.
    struct Parts: Sendable {
        var client: PostgresClient
        var running: RunningConfiguration
        var clock: any WallClock
        var logger: Logger
    }

    static func run<R: Sendable>(
        _ options: ConfigurationOptions, label: String, _ body: @escaping @Sendable (Parts) async throws -> R
    ) async throws -> R {
        let running = try options.loadRunning()
        let clock = try options.clock
        let logger = Logger(label: label)
        var standardError = StandardError()
        do {
            return try await DatabaseSession.withClient(configuration: running.configuration, logger: logger) { client, _ in
                try await Migrator().migrate(client: client, logger: logger)
                return try await body(Parts(client: client, running: running, clock: clock, logger: logger))
            }
        } catch let error as StoreError {
            print("错误 (error): \(error.message)", to: &standardError)
            throw ExitCode.failure
        } catch let error as DeskRefusal {
            print("错误 (error): \(error.message)", to: &standardError)
            for issue in error.issues { print("  \(issue)", to: &standardError) }
            throw ExitCode.failure
        }
    }
}

/// Files the operator names: read with a clear error, written beside the target and renamed, so an interrupted
/// export never leaves half a file under the name.
enum OperatorFile {
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            var standardError = StandardError()
            print("错误 (error): 无法读取文件 \(path) (cannot read the file)", to: &standardError)
            throw ExitCode.failure
        }
        return Array(data)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            var standardError = StandardError()
            print("错误 (error): 无法写入 \(path) (cannot write): \(error.localizedDescription)", to: &standardError)
            throw ExitCode.failure
        }
    }

    /// JSON as `--format json` prints it (``printJSON(_:)``), for `--out F.json`.
    static func json(_ value: some Encodable) throws -> [UInt8] {
        Array(try jsonEncoder().encode(value))
    }
}
