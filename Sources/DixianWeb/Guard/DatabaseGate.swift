import DixianCore
import DixianStore
import Logging

/// Puts a deadline on the database work of one request (数据库闸门), so that while the database is
/// unreachable every endpoint that needs it answers 503 with `Retry-After` within seconds instead of
/// waiting on the pool's reconnection attempts.
///
/// When the readiness monitor already marks the database down, the work is refused at once. Otherwise it
/// runs with ``deadline``; past it, the request stops waiting and the work is abandoned (a write may then
/// still complete: the answer says the outcome is unknown). Failures are logged with an ``ErrorID`` that
/// the answer carries instead of the database's own text.
public struct DatabaseGate: Sendable {
    /// The `Retry-After` of every 503, in seconds: about one readiness probe interval.
    public static let retryAfterSeconds = 5
    /// The default deadline, under the 5 s within which a request must be answered.
    public static let defaultDeadline: Duration = .seconds(4)

    let readiness: ReadinessState
    /// The readiness components whose problem means the database is down (the daemon adds its embedded
    /// server's supervisor).
    let components: Set<String>
    let deadline: Duration
    let logger: Logger

    public init(
        readiness: ReadinessState, components: Set<String> = ["database"], deadline: Duration = Self.defaultDeadline, logger: Logger
    ) {
        self.readiness = readiness
        self.components = components
        self.deadline = deadline
        self.logger = logger
    }

    /// Runs `operation`, the database part of a request named `what`. Refusals of the store (unknown
    /// occurrence, closed, link used, unknown official) pass through; every other failure becomes
    /// ``DatabaseUnavailable``, logged once with its id.
    public func run<R: Sendable>(_ what: String, _ operation: @escaping @Sendable () async throws -> R) async throws -> R {
        if self.readiness.snapshot.problems.contains(where: { self.components.contains($0.component) }) {
            throw self.logged(DatabaseUnavailable(.markedDown, context: ["request": what]))
        }
        do {
            return try await abandoningAfter(self.deadline, operation: operation)
        } catch let error as StoreError where Self.isRefusal(error) {
            throw error
        } catch let error as APIError {
            throw error
        } catch let error as TimeoutError {
            throw self.logged(DatabaseUnavailable(.timedOut, context: ["request": what, "error": error.description]))
        } catch {
            throw self.logged(DatabaseUnavailable(.failed, context: ["request": what, "error": StoreError.explain(error)]))
        }
    }

    /// Like ``run(_:_:)`` without the deadline, for work whose length is the request's own doing: a file import
    /// of a million rows takes as long as it takes, and the client waits for its report.
    public func runUnbounded<R: Sendable>(_ what: String, _ operation: @escaping @Sendable () async throws -> R) async throws -> R {
        if self.readiness.snapshot.problems.contains(where: { self.components.contains($0.component) }) {
            throw self.logged(DatabaseUnavailable(.markedDown, context: ["request": what]))
        }
        do {
            return try await operation()
        } catch let error as StoreError where Self.isRefusal(error) {
            throw error
        } catch let error as APIError {
            throw error
        } catch {
            throw self.logged(DatabaseUnavailable(.failed, context: ["request": what, "error": StoreError.explain(error)]))
        }
    }

    /// Whether a store error is the store's answer to the request rather than a failure to answer.
    static func isRefusal(_ error: StoreError) -> Bool {
        [.occurrenceNotFound, .occurrenceClosed, .occurrenceNotOpen, .linkUsed, .unknownOfficial, .caseNotFound, .stepRefused,
         .overrideNotFound, .overrideRefused]
            .contains(error.code)
    }

    private func logged(_ error: DatabaseUnavailable) -> DatabaseUnavailable {
        var metadata: Logger.Metadata = ["error_id": "\(error.errorID)", "code": "\(error.code.rawValue)"]
        for (key, value) in error.context { metadata[key] = "\(value)" }
        // Known to be down: the monitor logged the outage once already; each refused request is only a warning.
        let level: Logger.Level = error.code == .markedDown ? .warning : .error
        self.logger.log(level: level, "数据库不可用,请求已回答 503 (database unavailable; answered 503)", metadata: metadata)
        return error
    }
}
