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

    /// The first value cleaned up; a minute is far beyond what the handoff needs, and only guards against a hang.
    public func first() async throws -> Int {
        if let value = values.first { return value }
        let (pending, continuation) = AsyncStream.makeStream(of: Int.self)
        Task { try? await Task.sleep(for: .seconds(60)); continuation.finish() }
        Task { continuation.yield(await self.next()); continuation.finish() }
        for await value in pending { return value }
        throw TimeoutError(limit: .seconds(60))
    }

    private func next() async -> Int {
        if let value = values.first { return value }
        return await withCheckedContinuation { waiters.append($0) }
    }
}
