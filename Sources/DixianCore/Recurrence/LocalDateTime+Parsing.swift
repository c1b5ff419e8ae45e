extension LocalDateTime {
    /// Parses the iCalendar basic form used by `DTSTART` and `UNTIL`: `YYYYMMDDTHHMMSS`, or a date
    /// alone, `YYYYMMDD`, meaning midnight. Nil when malformed or not a real date and time. A trailing
    /// `Z` is not part of it: the caller strips it and remembers the value is UTC.
    public init?(basicFormat text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 8 || (bytes.count == 15 && bytes[8] == UInt8(ascii: "T")),
            let year = CalendarDate.number(bytes[0..<4]), let month = CalendarDate.number(bytes[4..<6]),
            let day = CalendarDate.number(bytes[6..<8]),
            let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        guard bytes.count == 15 else {
            self.init(date: date, time: TimeOfDay(hour: 0, minute: 0)!)
            return
        }
        guard let hour = CalendarDate.number(bytes[9..<11]), let minute = CalendarDate.number(bytes[11..<13]),
            let second = CalendarDate.number(bytes[13..<15])
        else { return nil }
        self.init(date: date, hour: hour, minute: minute, second: second)
    }

    /// Parses ISO 8601 as people type it: `2026-07-01T09:00`, `2026-07-01T09:00:30`, a space instead
    /// of the `T`, or a date alone (midnight). No zone or offset: this is a wall clock.
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let date = CalendarDate(parsing: String(decoding: bytes[0..<10], as: UTF8.self))
        else { return nil }
        if bytes.count == 10 {
            self.init(date: date, time: TimeOfDay(hour: 0, minute: 0)!)
            return
        }
        let separator = bytes[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: " "),
            bytes.count == 16 || (bytes.count == 19 && bytes[16] == UInt8(ascii: ":")),
            bytes[13] == UInt8(ascii: ":"),
            let hour = CalendarDate.number(bytes[11..<13]), let minute = CalendarDate.number(bytes[14..<16])
        else { return nil }
        let second = bytes.count == 19 ? CalendarDate.number(bytes[17..<19]) : 0
        guard let second else { return nil }
        self.init(date: date, hour: hour, minute: minute, second: second)
    }

    /// `YYYYMMDDTHHMMSS`, the iCalendar basic form (without `Z`).
    public var basicFormat: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(date.year, 4) + pad(date.month, 2) + pad(date.day, 2) + "T" + pad(hour, 2) + pad(minute, 2)
            + pad(second, 2)
    }
}
