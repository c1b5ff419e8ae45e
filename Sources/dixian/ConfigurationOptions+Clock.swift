import ArgumentParser
import DixianCore
import Foundation

extension ConfigurationOptions {
    /// Where a command's "now" comes from: the system clock, or with `DIXIAN_CLOCK_START` (ISO 8601 with offset,
    /// the same form as `serve --clock-start`) a clock that starts at that instant — for rehearsals, training
    /// and tests that walk a case through its days. A notice on stderr says so, so that nobody mistakes a
    /// rehearsal's dates for real ones.
    var clock: any WallClock {
        get throws {
            guard let text = ProcessInfo.processInfo.environment["DIXIAN_CLOCK_START"], !text.isEmpty else {
                return SystemWallClock()
            }
            guard let start = ISO8601DateFormatter().date(from: text) else {
                throw ValidationError("无效的 DIXIAN_CLOCK_START '\(text)' (expected ISO 8601 with offset, e.g. 2026-07-01T09:00:00+08:00)")
            }
            var standardError = StandardError()
            print("注意 (notice): 使用虚拟时钟，当前时间为 \(text) (DIXIAN_CLOCK_START)", to: &standardError)
            return VirtualWallClock(start: start)
        }
    }
}
