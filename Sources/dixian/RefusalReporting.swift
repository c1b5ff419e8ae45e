import ArgumentParser
import DixianDaemon
import DixianStore

/// How the ledger, report and bulletin commands end on a refusal: its message (and each row's issue) on stderr,
/// exit 1, nothing changed.
enum RefusalReporting {
    static func run<R: Sendable>(_ body: () async throws -> R) async throws -> R {
        var standardError = StandardError()
        do {
            return try await body()
        } catch let error as StoreError {
            print("错误 (error): \(error.message)", to: &standardError)
            throw ExitCode.failure
        } catch let error as LedgerDeskError {
            print("错误 (error): \(error.message)", to: &standardError)
            for issue in error.issues { print("  \(issue)", to: &standardError) }
            throw ExitCode.failure
        }
    }
}
