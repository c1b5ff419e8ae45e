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
/// cancelling `operation` and leaving it to finish on its own.
///
/// For calls that may not react to cancellation (a query on a connection whose server went away):
/// ``withTimeout(_:operation:)`` would still wait for them, since a task group awaits all its children.
/// Use it only for work that is safe to abandon.
public func abandoningAfter<R: Sendable>(
    _ limit: Duration,
    operation: @escaping @Sendable () async throws -> R
) async throws -> R {
    let (results, continuation) = AsyncStream.makeStream(of: Result<R, any Error>.self)
    let work = Task {
        let result = await Task { try await operation() }.result
        continuation.yield(result)
        continuation.finish()
    }
    let timer = Task {
        try? await Task.sleep(for: limit)
        continuation.yield(.failure(TimeoutError(limit: limit)))
        continuation.finish()
    }
    defer {
        work.cancel()
        timer.cancel()
    }
    for await result in results {
        return try result.get()
    }
    throw TimeoutError(limit: limit)
}
