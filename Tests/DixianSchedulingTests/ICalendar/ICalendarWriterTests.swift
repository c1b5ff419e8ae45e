import DixianCore
import DixianDirectory
import Foundation
import Testing

@testable import DixianScheduling

@Suite("iCalendar writer")
struct ICalendarWriterTests {
    static let generated = Date(timeIntervalSince1970: 1_785_484_800)  // 2026-07-31T08:00:00Z
    static let due = Date(timeIntervalSince1970: 1_785_492_000)  // 2026-07-31T10:00:00Z (18:00 in Shanghai)
    let writer = ICalendarWriter(calendarName: "底线·张三的任务")

    static func event(_ status: ICalendarEvent.Status, alarms: Int = 2, key: String = "a/1/-/2026-07") -> ICalendarEvent {
        ICalendarEvent(
            uid: ICalendarEvent.uid(occurrenceKey: key),
            summary: ICalendarEvent.summary(dutyTitle: "防返贫监测信息月度更新", periodLabel: "2026年7月"),
            description: "七家镇：更新本月监测信息，\n截止2026年7月31日18:00。", dueAt: due,
            opensAt: due.addingTimeInterval(-30 * 86_400), status: status, url: "https://dixian.invalid/o/1",
            alarms: (0..<alarms).map { .init(at: due.addingTimeInterval(-Double($0 + 1) * 86_400), description: "提醒") }
        )
    }

    @Test("calendar properties, CRLF endings, UTC times")
    func calendar() throws {
        let text = writer.write([Self.event(.open)], generatedAt: Self.generated)
        let reader = try #require(ICalendarTestReader(text))
        #expect(reader.lines.prefix(6).map { "\($0.name):\($0.value)" } == [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//dixian//底线//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "NAME:底线·张三的任务",
        ])
        #expect(reader.values("X-WR-CALNAME") == ["底线·张三的任务"])
        #expect(reader.values("X-WR-TIMEZONE") == ["Asia/Shanghai"])
        #expect(reader.values("UID") == ["a/1/-/2026-07@dixian"])
        #expect(reader.values("DTSTAMP") == ["20260731T080000Z"])
        #expect(reader.values("DTSTART") == ["20260731T100000Z"])
        #expect(reader.values("DTEND") == ["20260731T103000Z"])
        #expect(reader.values("SUMMARY") == ["防返贫监测信息月度更新（2026年7月）"])
        #expect(reader.values("DESCRIPTION").first.flatMap(ICalendarTestReader.unescape) == Self.event(.open).description)
        #expect(reader.values("STATUS") == ["CONFIRMED"])
        #expect(reader.values("URL") == ["https://dixian.invalid/o/1"])
        #expect(reader.values("X-DIXIAN-OPENS-AT") == ["20260701T100000Z"])
        #expect(reader.values("TRIGGER") == ["20260730T100000Z", "20260729T100000Z"])
        #expect(reader.lines.filter { $0.name == "TRIGGER" }.allSatisfy { $0.parameters == ["VALUE=DATE-TIME"] })
        #expect(reader.values("ACTION") == ["DISPLAY", "DISPLAY"])
        #expect(!reader.lines.contains { $0.name == "BEGIN" && $0.value == "VTIMEZONE" })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains { $0 == "\r" || $0 == "\n" })
    }

    @Test("status: open and done are CONFIRMED, waived is CANCELLED; only open events carry alarms")
    func status() throws {
        let events = [Self.event(.open, key: "o"), Self.event(.done, key: "d"), Self.event(.waived, key: "w")]
        let reader = try #require(ICalendarTestReader(writer.write(events, generatedAt: Self.generated)))
        #expect(reader.values("STATUS") == ["CONFIRMED", "CONFIRMED", "CANCELLED"])
        #expect(reader.values("SUMMARY").map { $0.prefix(6) } == ["防返贫监测信", "【已完成】防", "【已豁免】防"])
        #expect(reader.lines.filter { $0.name == "BEGIN" && $0.value == "VALARM" }.count == 2)
    }

    @Test("structure: BEGIN/END balanced, one VEVENT per event, one VALARM per alarm (seeded)")
    func structure() throws {
        var random = SeededRandom(seed: 0x61)
        for round in 0..<50 {
            let events = (0..<random.below(8)).map { index in
                Self.event(random.pick([.open, .open, .done, .waived]), alarms: random.below(4), key: "k\(index)")
            }
            let reader = try #require(ICalendarTestReader(writer.write(events, generatedAt: Self.generated)))
            var stack: [String] = []
            var counts: [String: Int] = [:]
            for line in reader.lines {
                if line.name == "BEGIN" {
                    stack.append(line.value)
                    counts[line.value, default: 0] += 1
                } else if line.name == "END" {
                    #expect(stack.popLast() == line.value, "round \(round)")
                }
            }
            #expect(stack.isEmpty)
            #expect(counts["VCALENDAR"] == 1)
            #expect(counts["VEVENT", default: 0] == events.count)
            let alarms = events.filter { $0.status == .open }.map(\.alarms.count).reduce(0, +)
            #expect(counts["VALARM", default: 0] == alarms, "round \(round)")
            #expect(reader.values("DTSTAMP").count == events.count)
        }
    }

    @Test("property: summaries and descriptions round-trip through escape, fold, unfold, unescape (seeded)")
    func textRoundTrip() throws {
        var random = SeededRandom(seed: 0x62)
        let pieces: [Character] = Array("防返贫监测走访户数已完成七家镇，。、abcXYZ 0189;,\\:\"") + ["\n", "😀", "é", "👩‍👩‍👧"]
        for round in 0..<500 {
            let texts = (0..<2).map { _ in String((0..<random.below(300)).map { _ in random.pick(pieces) }) }
            var event = Self.event(.open, alarms: 1)
            event.summary = texts[0]
            event.description = texts[1]
            event.alarms[0].description = texts[0]
            let text = writer.write([event], generatedAt: Self.generated)
            let reader = try #require(ICalendarTestReader(text), "round \(round)")
            #expect(reader.values("SUMMARY").compactMap(ICalendarTestReader.unescape) == [texts[0]], "round \(round)")
            if !texts[1].isEmpty {
                #expect(reader.values("DESCRIPTION").first.flatMap(ICalendarTestReader.unescape) == texts[1], "round \(round)")
            }
            if !texts[0].isEmpty {
                #expect(reader.values("DESCRIPTION").last.flatMap(ICalendarTestReader.unescape) == texts[0], "round \(round)")
            }
            expectShortLines(text)
        }
    }

    @Test("no physical line exceeds 75 octets, and folding never splits a UTF-8 sequence")
    func folding() throws {
        for length in 0..<120 {
            var event = Self.event(.open)
            event.summary = String(repeating: "监", count: length) + String(repeating: "a", count: length % 5)
            event.description = String(repeating: "😀a", count: length)
            let text = writer.write([event], generatedAt: Self.generated)
            expectShortLines(text)
            let reader = try #require(ICalendarTestReader(text))
            #expect(reader.values("SUMMARY") == [event.summary])
        }
    }

    func expectShortLines(_ text: String) {
        let bytes = Array(text.utf8)
        var start = 0
        for index in bytes.indices where index > 0 && bytes[index - 1] == 13 && bytes[index] == 10 {
            let line = bytes[start..<(index - 1)]
            #expect(line.count <= 75, "line of \(line.count) octets")
            #expect(String(validating: line, as: UTF8.self) != nil, "a line ends inside a UTF-8 sequence")
            start = index + 1
        }
        #expect(start == bytes.count)
    }

    @Test("TEXT escaping, control characters dropped, URL values left alone")
    func escaping() {
        #expect(ICalendarText.escape("a\\b;c,d\ne\r\nf\rg\th\u{0}i") == "a\\\\b\\;c\\,d\\ne\\nf\\ng\th" + "i")
        #expect(ICalendarText.uri("https://x.invalid/a?b=1,2;c\r\nX-EVIL:1") == "https://x.invalid/a?b=1,2;cX-EVIL:1")
    }

    @Test("UTC date-times", arguments: [
        (0.0, "19700101T000000Z"), (1_785_492_000.9, "20260731T100000Z"), (-1.0, "19691231T235959Z"),
        (951_782_400, "20000229T000000Z"), (1e15, "99991231T235959Z"), (-1e15, "00010101T000000Z"),
    ])
    func utc(_ seconds: Double, _ expected: String) {
        #expect(ICalendarText.utc(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test("an event from a planned occurrence: uid, summary, one alarm per distinct reminder instant")
    func planned() throws {
        let occurrence = PlannedOccurrence(
            dutyID: "governance.monthly_update", unitCode: try DivisionCode(validating: "149721001001"), officialID: nil,
            periodKey: "2026-07", periodLabel: "2026年7月", nominalDueDate: CalendarDate(year: 2026, month: 7, day: 31)!,
            dueDate: CalendarDate(year: 2026, month: 7, day: 31)!, dueAt: Self.due,
            opensAt: Self.due.addingTimeInterval(-30 * 86_400), isUnassigned: false
        )
        let first = Self.due.addingTimeInterval(-3 * 86_400)
        let second = Self.due.addingTimeInterval(-86_400)
        func note(_ key: String, _ step: String, _ kind: PlannedNotification.Kind, _ at: Date, _ channel: ChannelName) -> PlannedNotification {
            PlannedNotification(occurrenceKey: key, step: step, kind: kind, sendAt: at, recipientID: "qj-0042", roleID: "r", channel: channel)
        }
        let notifications = [
            note(occurrence.key, "r1", .reminder, second, "email"), note(occurrence.key, "r0", .reminder, first, "email"),
            note(occurrence.key, "r0", .reminder, first, "chat"), note(occurrence.key, "e0", .escalation, Self.due, "email"),
            note("other/key", "r0", .reminder, Self.generated, "email"),
        ]
        let event = ICalendarEvent(
            occurrence: occurrence, dutyTitle: "防返贫监测信息月度更新", description: "说明", status: .open,
            reminders: notifications
        )
        #expect(event.uid == "governance.monthly_update/149721001001/-/2026-07@dixian")
        #expect(event.summary == "防返贫监测信息月度更新（2026年7月）")
        #expect(event.alarms.map(\.at) == [first, second])
        #expect(event.alarms.allSatisfy { $0.description == "提醒：防返贫监测信息月度更新（2026年7月）" })
        #expect(event.dueAt == Self.due)
    }
}
