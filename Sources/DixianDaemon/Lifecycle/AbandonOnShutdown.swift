import DixianCore
import ServiceLifecycle

/// Runs `operation` in its own task and waits for it, but stops waiting (and cancels it) as soon as a
/// graceful shutdown or cancellation begins: then it returns nil.
///
/// For work that is safe to abandon (a planning tick: idempotent and transactional) but may sit in a
/// database call that does not react to cancellation while the server is going away. Waiting for it
/// would hold up SIGTERM past systemd's stop timeout. A value that arrives after the wait ended goes to
/// `onAbandoned`: a planner lease won as the daemon stops must still be given up.
func abandoningOnShutdown<Value: Sendable>(
    _ operation: @escaping @Sendable () async throws -> Value,
    onAbandoned: @escaping @Sendable (Value) async -> Void = { _ in }
) async throws -> Value? {
    let handoff = ResultHandoff(onAbandoned: onAbandoned)
    let work = Task { try await operation() }
    let (wakes, continuation) = AsyncStream.makeStream(of: Void.self)
    // Not cancelled when the wait ends: it must live to hand a late value to `onAbandoned`.
    Task {
        if await handoff.deliver(await work.result) { continuation.yield() }
        continuation.finish()
    }
    await withTaskCancellationOrGracefulShutdownHandler {
        for await _ in wakes { break }
    } onCancelOrGracefulShutdown: {
        work.cancel()
        continuation.finish()
    }
    guard let result = handoff.takeOrAbandon() else { return nil }
    return try result.get()
}
