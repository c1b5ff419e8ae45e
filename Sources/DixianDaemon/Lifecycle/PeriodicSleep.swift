import ServiceLifecycle

/// Sleeps for `duration` unless a graceful shutdown (or cancellation) begins first.
/// Returns false once the service should stop, so periodic loops read
/// `while await sleepUnlessShuttingDown(for: interval) { … }`.
func sleepUnlessShuttingDown(for duration: Duration) async -> Bool {
    _ = try? await cancelWhenGracefulShutdown {
        try await Task.sleep(for: duration)
    }
    return !Task.isShuttingDownGracefully && !Task.isCancelled
}
