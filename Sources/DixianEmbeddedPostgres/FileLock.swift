import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory `flock(2)` on a file, held until ``unlock()``.
///
/// flock rather than a lock file with a pid in it: the kernel drops the lock when the holder dies,
/// so a crashed daemon can never leave the cluster locked. Descriptors are opened close-on-exec so
/// that the postmaster, which `pg_ctl` forks from us, never inherits (and so never holds) a lock.
final class FileLock {
    private var fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit { unlock() }

    /// Opens (creating if needed) `path` and tries once to lock it.
    /// - Returns: `nil` when another open file description holds a conflicting lock.
    static func tryLock(_ path: String, exclusive: Bool) throws -> FileLock? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw EmbeddedPostgresError(
                code: .permissionDenied,
                message: "无法打开锁文件 \(path)。 (Could not open lock file \(path): errno \(errno).)"
            )
        }
        if flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 { return FileLock(fd: fd) }
        let failure = errno
        close(fd)
        guard failure == EWOULDBLOCK || failure == EINTR else {
            throw EmbeddedPostgresError(
                code: .permissionDenied,
                message: "无法锁定 \(path)。 (Could not lock \(path): errno \(failure).)"
            )
        }
        return nil
    }

    /// Waits for an exclusive lock on `path`, polling so that no thread blocks in `flock`.
    ///
    /// Polling ignores task cancellation on purpose: `stop()` must still get the lock while the
    /// surrounding task is being cancelled (for example during daemon shutdown).
    static func lock(_ path: String, timeout: Duration) async throws -> FileLock {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let lock = try tryLock(path, exclusive: true) { return lock }
            guard ContinuousClock.now < deadline else {
                throw EmbeddedPostgresError(
                    code: .lockTimeout,
                    message: """
                        另一个 dixian 进程长时间占用数据库集群锁 \(path)。 \
                        (Another dixian process held the cluster lock \(path) for longer than \(timeout).)
                        """
                )
            }
            await sleepIgnoringCancellation(.milliseconds(50))
        }
    }

    func unlock() {
        guard fd >= 0 else { return }
        close(fd)  // closing the only descriptor releases the flock
        fd = -1
    }
}

/// Sleeps for `duration` even if the current task is cancelled (`Task.sleep` would return at once).
func sleepIgnoringCancellation(_ duration: Duration) async {
    let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) {
            continuation.resume()
        }
    }
}

/// This process's claim to be using the cluster: a shared flock on `users.lock`.
///
/// Every process that started or adopted the cluster holds one. `stop()` stops the server only if
/// it can then take the lock exclusively, that is, when no other process still uses the cluster;
/// so a CLI command that finishes cannot pull the database from under a daemon that adopted the
/// cluster meanwhile, and a crashed process's claim disappears with it.
final class ClusterLease: @unchecked Sendable {
    // `@unchecked` because `held` and `count` are only touched under `mutex`.
    private let mutex = NSLock()
    private var held: FileLock?
    /// How many successful `start()` calls on this value (and its copies) are not yet balanced.
    private var count = 0

    /// Takes the shared lock unless this value (or a copy of it) already holds it.
    func acquire(_ path: String) throws {
        try mutex.withLock {
            if held == nil {
                // Cannot block: exclusive holders only exist inside stop(), under the cluster lock we hold.
                guard let lock = try FileLock.tryLock(path, exclusive: false) else {
                    throw EmbeddedPostgresError(
                        code: .lockTimeout,
                        message: "无法登记对数据库集群的使用。 (Could not register as a user of the cluster: \(path) is locked.)"
                    )
                }
                held = lock
            }
            count += 1
        }
    }

    /// Balances one `acquire`; the lock is dropped with the last one.
    func release() {
        mutex.withLock {
            count = max(count - 1, 0)
            if count == 0 { held = nil }
        }
    }

    /// Drops the claim regardless of how many `acquire` calls it took.
    func releaseAll() {
        mutex.withLock {
            count = 0
            held = nil
        }
    }
}
