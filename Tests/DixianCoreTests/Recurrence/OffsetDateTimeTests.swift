import DixianCore
import Testing

@Suite("ISO 8601 date-times with an offset (dixian recur --start)")
struct OffsetDateTimeTests {
    @Test("offsets and Z pin the wall clock to one instant", arguments: [
        ("2027-10-03T09:00:00+08:00", "2027-10-03T09:00:00", 28_800),
        ("2027-10-03T01:00:00Z", "2027-10-03T01:00:00", 0),
        ("2027-10-03T01:00Z", "2027-10-03T01:00:00", 0),
        ("2027-10-03 09:00+0800", "2027-10-03T09:00:00", 28_800),
        ("2027-10-02T21:00:00-04:00", "2027-10-02T21:00:00", -14_400),
        ("2027-10-03T06:30:00+05:30", "2027-10-03T06:30:00", 19_800),
        ("2027-10-03T09:00:00+08", "2027-10-03T09:00:00", 28_800),
    ])
    func parses(text: String, local: String, offset: Int) throws {
        let value = try #require(OffsetDateTime(iso: text))
        #expect(value.local.description == local)
        #expect(value.offsetSeconds == offset)
    }

    @Test("all of these are the same instant")
    func sameInstant() throws {
        let instants = try ["2027-10-03T09:00:00+08:00", "2027-10-03T01:00:00Z", "2027-10-02T21:00:00-04:00"].map {
            try #require(OffsetDateTime(iso: $0)).secondsSinceEpoch
        }
        #expect(Set(instants).count == 1)
        #expect(instants.first == 1_822_525_200)
    }

    @Test("malformed, out of range, or without an offset: nil", arguments: [
        "2027-10-03T09:00:00", "2027-10-03", "2027-10-03Z", "2027-10-03T09:00:00+8", "2027-10-03T09:00:00+08:0",
        "2027-10-03T09:00:00+19:00", "2027-10-03T09:00:00+08:60", "2027-10-03T25:00:00+08:00", "2027-13-03T09:00+08:00",
        "2027-10-03T09:00:00+08:00Z", "2027-10-03T09:00:00 +08:00", "2027-10-03T09:00:00+0a:00", "+08:00",
    ])
    func rejects(text: String) {
        #expect(OffsetDateTime(iso: text) == nil)
    }

    @Test("description round-trips")
    func description() throws {
        #expect(try #require(OffsetDateTime(iso: "2027-10-03T09:00+08:00")).description == "2027-10-03T09:00:00+08:00")
        #expect(try #require(OffsetDateTime(iso: "2027-10-02T21:00:00-04:30")).description == "2027-10-02T21:00:00-04:30")
        #expect(try #require(OffsetDateTime(iso: "2027-10-03T01:00:00Z")).description == "2027-10-03T01:00:00Z")
    }
}
