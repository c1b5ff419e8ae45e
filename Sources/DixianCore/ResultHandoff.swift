import Foundation

/// Hands the result of work that may outlive its waiter to that waiter, or, once the waiter has given up, to a
/// cleanup: whichever of the two comes second owns the result.
///
/// For ``abandoningAfter(_:operation:onAbandoned:)`` and the daemon's shutdown variant: work that opens a
/// connection and finishes after nobody waits for it any more must still close what it opened. Dropping a
/// PostgresNIO connection unclosed leaves its socket open (and trips an assertion in debug builds).
public final class ResultHandoff<Value: Sendable>: @unchecked Sendable {
    private enum State {
        case waiting
        case ready(Result<Value, any Error>)
        case taken
        case abandoned
    }

    private let lock = NSLock()
    private var state = State.waiting
    private let onAbandoned: @Sendable (Value) async -> Void

    /// `onAbandoned` receives a value that arrives after the waiter gave up.
    public init(onAbandoned: @escaping @Sendable (Value) async -> Void) {
        self.onAbandoned = onAbandoned
    }

    /// Called by the work with its result: true when the waiter will take it. When the waiter has already given
    /// up, a value goes to `onAbandoned` (awaited here) and an error is dropped.
    public func deliver(_ result: Result<Value, any Error>) async -> Bool {
        let accepted = lock.withLock { () -> Bool in
            guard case .waiting = state else { return false }
            state = .ready(result)
            return true
        }
        if !accepted, case .success(let value) = result { await onAbandoned(value) }
        return accepted
    }

    /// Called by the waiter when it stops waiting: the result if it has arrived; otherwise nil, and a result that
    /// arrives later goes to `onAbandoned`.
    public func takeOrAbandon() -> Result<Value, any Error>? {
        lock.withLock {
            if case .ready(let result) = state {
                state = .taken
                return result
            }
            state = .abandoned
            return nil
        }
    }
}
