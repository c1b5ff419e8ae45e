import NIOConcurrencyHelpers

/// Wakes the channel lanes when the outbox changed (a NOTIFY arrived) or a sweep is due.
final class WakeSignal: Sendable {
    private let doorbells = NIOLockedValueBox<[Doorbell]>([])

    /// A doorbell for one lane.
    func register() -> Doorbell {
        let doorbell = Doorbell()
        doorbells.withLockedValue { $0.append(doorbell) }
        return doorbell
    }

    /// Rings every lane's doorbell.
    func wake() {
        for doorbell in doorbells.withLockedValue({ $0 }) { doorbell.ring() }
    }
}

/// One lane's wake-up: rings while the lane is busy fold into one, so a burst of notifications costs
/// one extra round, not one per notification.
final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = NIOLockedValueBox(State())

    func ring() {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.rung = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns when rung, after `duration`, or at shutdown, whichever is first.
    func wait(upTo duration: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { _ = await sleepUnlessShuttingDown(for: duration) }
            group.addTask { await self.waitForRing() }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForRing() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLockedValue { state -> Bool in
                    if state.rung || Task.isCancelled {
                        state.rung = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
