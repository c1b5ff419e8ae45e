import DixianCore
import Foundation
import LibFuzzerDriver

/// Parses the input as a recurrence specification (`dixian recur`'s DTSTART/RRULE text) and as a plugin RRULE,
/// checks that an error's offset lies within the text, and expands a few occurrences, which must ascend.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let length = text.unicodeScalars.count
    let start = LocalDateTime(date: CalendarDate(year: 2026, month: 7, day: 1)!, hour: 9)!
    do {
        let specification = try RecurrenceSpecification(parsing: text)
        expand(specification.rule, from: specification.start ?? start)
        // Printing and parsing again gives the same rule.
        let again = try RecurrenceSpecification(parsing: specification.description)
        precondition(again.rule == specification.rule, "description does not round-trip: \(specification)")
    } catch {
        precondition((0...length).contains(error.offset), "offset \(error.offset) outside 0...\(length)")
    }
    do {
        let rule = try RecurrenceRule(parsing: text)
        expand(rule, from: start)
        _ = rule.impossibleMonthDays()
    } catch {
        precondition((0...length).contains(error.offset), "offset \(error.offset) outside 0...\(length)")
    }
    return 0
}

func expand(_ rule: RecurrenceRule, from start: LocalDateTime) {
    var previous: LocalDateTime?
    for occurrence in rule.occurrences(from: start).prefix(20) {
        if let previous { precondition(previous < occurrence, "occurrences out of order") }
        previous = occurrence
    }
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzRRULE_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
