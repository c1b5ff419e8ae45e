#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SystemdNotifier {
    /// One line of the notify protocol.
    public enum State: Sendable, Equatable {
        /// Start-up (or a reload) is finished.
        case ready
        /// A reload begins; systemd wants the monotonic clock with it (`MONOTONIC_USEC`).
        case reloading(monotonicMicroseconds: UInt64)
        case stopping
        /// One human-readable line, shown by `systemctl status`.
        case status(String)
        case watchdog

        /// `RELOADING=1` stamped with the current monotonic clock, as systemd 253+ expects.
        public static var reloadingNow: State {
            .reloading(monotonicMicroseconds: SystemdNotifier.monotonicMicroseconds())
        }

        public var line: String {
            switch self {
            case .ready: return "READY=1"
            case .reloading(let usec): return "RELOADING=1\nMONOTONIC_USEC=\(usec)"
            case .stopping: return "STOPPING=1"
            case .watchdog: return "WATCHDOG=1"
            case .status(let text):
                // The protocol is line-based: a newline would start a bogus assignment.
                return "STATUS=" + text.replacingOccurrences(of: "\n", with: " ")
            }
        }
    }

    /// CLOCK_MONOTONIC in microseconds, the clock systemd compares `MONOTONIC_USEC` against.
    public static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
