/// Thrown by ``withTimeout(_:operation:)`` when the operation did not finish in time.
public struct TimeoutError: Error, Sendable, CustomStringConvertible {
    public var limit: Duration

    public init(limit: Duration) {
        self.limit = limit
    }

    public var description: String {
        "在 \(self.limit) 内没有完成 (timed out after \(self.limit))"
    }
}

/// Runs `operation`, cancelling it and throwing ``TimeoutError`` if it takes longer than `limit`.
public func withTimeout<R: Sendable>(
    _ limit: Duration,
    operation: @escaping @Sendable () async throws -> R
) async throws -> R {
    try await withThrowingTaskGroup(of: R?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let result = first else {
            throw TimeoutError(limit: limit)
        }
        return result
    }
}

/// Like ``withTimeout(_:operation:)``, but when `limit` passes it stops *waiting* and throws at once,
/// leaving `operation` to finish on its own.
///
/// For calls that may not react to cancellation (a query on a connection whose server went away):
/// ``withTimeout(_:operation:)`` would still wait for them, since a task group awaits all its children.
/// Use it only for work that is safe to abandon. A value that arrives after the caller stopped waiting (it timed
/// out, or its task was cancelled) goes to `onAbandoned`: pass one that closes what the value holds open.
public func abandoningAfter<R: Sendable>(
    _ limit: Duration,
    operation: @escaping @Sendable () async throws -> R,
    onAbandoned: @escaping @Sendable (R) async -> Void = { _ in }
) async throws -> R {
    let handoff = ResultHandoff(onAbandoned: onAbandoned)
    let (wakes, continuation) = AsyncStream.makeStream(of: Void.self)
    // Never cancelled: the operation may ignore cancellation anyway, and a late value's cleanup (closing a
    // connection) must not run in a cancelled task.
    Task {
        if await handoff.deliver(await Task { try await operation() }.result) { continuation.yield() }
    }
    let timer = Task {
        try? await Task.sleep(for: limit)
        continuation.yield()
    }
    defer {
        timer.cancel()
        continuation.finish()
    }
    for await _ in wakes { break }
    guard let result = handoff.takeOrAbandon() else { throw TimeoutError(limit: limit) }
    return try result.get()
}
