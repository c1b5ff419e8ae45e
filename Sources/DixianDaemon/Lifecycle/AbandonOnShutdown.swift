import ServiceLifecycle

/// Runs `operation` in its own task and waits for it, but stops waiting (and cancels it) as soon as a
/// graceful shutdown or cancellation begins: then it returns nil.
///
/// For work that is safe to abandon (a planning tick: idempotent and transactional) but may sit in a
/// database call that does not react to cancellation while the server is going away. Waiting for it
/// would hold up SIGTERM past systemd's stop timeout.
func abandoningOnShutdown<Value: Sendable>(
    _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value? {
    let work = Task { try await operation() }
    let (results, continuation) = AsyncStream.makeStream(of: Result<Value, any Error>?.self)
    let watcher = Task {
        continuation.yield(await work.result)
        continuation.finish()
    }
    defer { watcher.cancel() }
    let result = await withTaskCancellationOrGracefulShutdownHandler {
        var first: Result<Value, any Error>?? = nil
        for await value in results {
            first = value
            break
        }
        return first ?? nil
    } onCancelOrGracefulShutdown: {
        work.cancel()
        continuation.yield(nil)
        continuation.finish()
    }
    guard let result else { return nil }
    return try result.get()
}
