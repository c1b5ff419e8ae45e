import DixianCore

/// Excel's serial numbers for dates: whole days since an epoch, the fraction being the time of day.
///
/// In the 1900 date system serial 1 is 1900-01-01, and Excel (copying Lotus 1-2-3) counts a 29 February 1900
/// that never was as serial 60, so from serial 61 (1900-03-01) on a serial is days since 1899-12-30. In the 1904
/// system (old Mac Excel, `workbookPr date1904`) serial 0 is 1904-01-01.
public enum ExcelDateSystem: String, Sendable, Hashable, CaseIterable {
    case date1900
    case date1904

    /// The largest serial, 9999-12-31 in the 1900 system.
    static let maximum1900 = 2_958_465

    /// The date of a whole serial number, or nil: before the first day, after 9999, or the phantom 1900-02-29.
    public func date(serial: Int) -> CalendarDate? {
        switch self {
        case .date1900:
            guard (1...Self.maximum1900).contains(serial), serial != 60 else { return nil }
            let epoch = CalendarDate(year: 1899, month: 12, day: serial < 60 ? 31 : 30)!
            return CalendarDate(dayNumber: epoch.dayNumber + serial)
        case .date1904:
            guard serial >= 0 else { return nil }
            return CalendarDate(dayNumber: CalendarDate(year: 1904, month: 1, day: 1)!.dayNumber + serial)
        }
    }

    /// The serial number of a date, the inverse of ``date(serial:)``.
    public func serial(of date: CalendarDate) -> Int {
        switch self {
        case .date1900:
            let days = date.dayNumber - CalendarDate(year: 1899, month: 12, day: 30)!.dayNumber
            return days <= 60 ? days - 1 : days
        case .date1904:
            return date.dayNumber - CalendarDate(year: 1904, month: 1, day: 1)!.dayNumber
        }
    }

    /// A date cell's text: `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` when the serial has a time of day (rounded to the
    /// second), or nil when the serial is no date.
    func text(serial: Double) -> String? {
        guard serial.isFinite, serial >= 0, serial < Double(Self.maximum1900 + 1) else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        guard let date = self.date(serial: days) else { return nil }
        guard seconds > 0 else { return date.description }
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(date) \(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60))"
    }
}
