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
