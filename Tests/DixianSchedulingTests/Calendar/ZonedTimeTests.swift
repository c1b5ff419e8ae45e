import DixianCore
import DixianScheduling
import Foundation
import Testing

@Suite("Wall-clock time to instants and back")
struct ZonedTimeTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    static func local(_ text: String, _ hour: Int, _ minute: Int = 0) -> LocalDateTime {
        LocalDateTime(date: CalendarDate(parsing: text)!, hour: hour, minute: minute)!
    }

    static func utc(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    @Test("Asia/Shanghai is UTC+8 all year, both ways")
    func shanghai() {
        let local = Self.local("2026-07-03", 9)
        #expect(local.instant(in: Self.shanghai) == Self.utc("2026-07-03T01:00:00Z"))
        #expect(Self.utc("2026-07-03T01:00:00Z").localDateTime(in: Self.shanghai) == local)
        #expect(Self.utc("2026-12-31T16:00:00Z").localDate(in: Self.shanghai) == CalendarDate(parsing: "2027-01-01"))
    }

    @Test("a time in the spring gap moves forward by the gap")
    func gap() {
        // Europe/Berlin 2026-03-29: 02:00 CET becomes 03:00 CEST.
        let instant = Self.local("2026-03-29", 2, 30).instant(in: Self.berlin)
        #expect(instant == Self.utc("2026-03-29T01:30:00Z"))
        #expect(instant.localDateTime(in: Self.berlin) == Self.local("2026-03-29", 3, 30))
    }

    @Test("a time in the autumn overlap takes the earlier instant")
    func overlap() {
        // Europe/Berlin 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
        #expect(Self.local("2026-10-25", 2, 30).instant(in: Self.berlin) == Self.utc("2026-10-25T00:30:00Z"))
        #expect(Self.local("2026-10-25", 3, 30).instant(in: Self.berlin) == Self.utc("2026-10-25T02:30:00Z"))
        #expect(Self.local("2026-10-25", 1, 30).instant(in: Self.berlin) == Self.utc("2026-10-24T23:30:00Z"))
    }

    @Test("round trip every hour of a DST year")
    func roundTrip() {
        var instant = Self.utc("2026-01-01T00:00:00Z")
        for _ in 0..<(365 * 24) {
            let local = instant.localDateTime(in: Self.berlin)
            let back = local.instant(in: Self.berlin)
            // In the overlap the earlier instant wins, so the later one maps back an hour early.
            #expect(back == instant || back == instant.addingTimeInterval(-3600))
            instant.addTimeInterval(3600)
        }
    }
}
