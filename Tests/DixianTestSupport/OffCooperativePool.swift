import Foundation

/// Runs blocking work (waiting for a child process, reading its pipes) on a thread of its own and awaits the
/// result, so that the cooperative pool, one thread per core, stays free for the tests running beside it.
public func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
