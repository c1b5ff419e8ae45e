import DixianCore
import Foundation

/// The lexical rules of RFC 5545 used by ``ICalendarWriter``.
enum ICalendarText {
    /// The longest physical line in octets, CRLF excluded (RFC 5545 §3.1).
    static let maximumLineOctets = 75

    /// TEXT escaping (§3.3.11): backslash, semicolon and comma get a backslash; line breaks (`\r\n`,
    /// `\r` or `\n`) become `\n`. Other control characters are not allowed in TEXT and are dropped.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": output += "\\\\"
            case ";": output += "\\;"
            case ",": output += "\\,"
            case "\r": output += "\\n"
            case "\n": if !previousWasCR { output += "\\n" }
            case "\t": output += "\t"
            default:
                if scalar.properties.generalCategory == .control { continue }
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// A URI value (§3.3.13) is not escaped, but a control character would break the line structure.
    static func uri(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
    }

    /// One content line, folded (§3.1) so that no physical line exceeds 75 octets, each continuation
    /// starting with a space, and never inside a UTF-8 sequence; ends with CRLF.
    static func fold(_ line: String) -> String {
        var output = ""
        output.reserveCapacity(line.utf8.count + line.utf8.count / 70 * 3 + 2)
        var octets = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if octets + width > Self.maximumLineOctets {
                output += "\r\n "
                octets = 1
            }
            output.unicodeScalars.append(scalar)
            octets += width
        }
        return output + "\r\n"
    }

    /// A UTC DATE-TIME, `20260731T100000Z` (fractions of a second dropped).
    static func utc(_ date: Date) -> String {
        // Clamped to 0001-01-01T00:00:00Z...9999-12-31T23:59:59Z, the range a DATE-TIME can hold, so a
        // corrupt row cannot trap the feed.
        let raw = date.timeIntervalSince1970.rounded(.down)
        let seconds = raw.isFinite ? Int(min(max(raw, -62_135_596_800), 253_402_300_799)) : 0
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        let day = CalendarDate(dayNumber: days)!
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(day.year, 4) + pad(day.month, 2) + pad(day.day, 2)
            + "T" + pad(time / 3600, 2) + pad(time / 60 % 60, 2) + pad(time % 60, 2) + "Z"
    }
}
