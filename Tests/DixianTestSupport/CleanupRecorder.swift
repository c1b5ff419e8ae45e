import DixianCore

/// The values a cleanup received, and a wait for the first.
public actor CleanupRecorder {
    public private(set) var values: [Int] = []
    private var waiters: [CheckedContinuation<Int, Never>] = []

    public init() {}

    public func add(_ value: Int) {
        values.append(value)
        for waiter in waiters { waiter.resume(returning: value) }
        waiters = []
    }

    /// The first value cleaned up; a minute is far beyond what the handoff needs, and only guards against a hang
    /// (the wait ignores cancellation, so only ``abandoningAfter(_:operation:onAbandoned:)`` can give up on it).
    public func first() async throws -> Int {
        try await abandoningAfter(.seconds(60)) { await self.next() }
    }

    private func next() async -> Int {
        if let value = values.first { return value }
        return await withCheckedContinuation { waiters.append($0) }
    }
}
