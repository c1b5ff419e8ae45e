import DixianCore
import Foundation

extension LocalDateTime {
    /// The instant this wall-clock time names in `zone`.
    ///
    /// Daylight-saving transitions resolve the way java.time and most calendars do: a time in a **gap**
    /// (clocks jump forward, e.g. 02:30 on Europe/Berlin's spring day) moves forward by the gap's length
    /// (03:30 summer time), so a reminder is late rather than lost; a time in an **overlap** (clocks fall back)
    /// takes the earlier of its two instants, so it is never sent an hour late. `Asia/Shanghai` has neither.
    public func instant(in zone: TimeZone) -> Date {
        let wall = Double(secondsSinceEpoch)
        // Real zones change their offset at most once within a day either side, so the offsets a day
        // before and a day after are the only candidates.
        let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - 86_400))
        let after = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall + 86_400))
        let early = Date(timeIntervalSince1970: wall - Double(before))
        if before == after { return early }
        let late = Date(timeIntervalSince1970: wall - Double(after))
        let earlyValid = zone.secondsFromGMT(for: early) == before
        let lateValid = zone.secondsFromGMT(for: late) == after
        switch (earlyValid, lateValid) {
        case (true, true): return min(early, late)
        case (true, false): return early
        case (false, true): return late
        // In the gap: read with the offset in force before it, which lands past the jump.
        case (false, false): return early
        }
    }
}

extension Date {
    /// The wall-clock time of this instant in `zone`, to the second (fractions dropped).
    public func localDateTime(in zone: TimeZone) -> LocalDateTime {
        let seconds = Int(timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: self)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        guard let date = CalendarDate(dayNumber: days),
            let local = LocalDateTime(date: date, hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)
        else { preconditionFailure("instant out of range: \(self)") }
        return local
    }

    /// The local date of this instant in `zone`.
    public func localDate(in zone: TimeZone) -> CalendarDate {
        localDateTime(in: zone).date
    }
}

extension CalendarDate {
    /// The instant of `time` on this date in `zone` (gaps forward, overlaps earlier; see
    /// ``DixianCore/LocalDateTime/instant(in:)``).
    public func instant(at time: TimeOfDay, in zone: TimeZone) -> Date {
        LocalDateTime(date: self, time: time).instant(in: zone)
    }

    /// 00:00 of this date in `zone` (the start of the day; in a zone whose midnight falls into a gap, the
    /// first moment after it).
    public func startOfDay(in zone: TimeZone) -> Date {
        instant(at: TimeOfDay(hour: 0, minute: 0)!, in: zone)
    }
}
