import DixianCore
import DixianScreening
import Foundation
import NIOCore

/// PostgreSQL's COPY text format: one line per row, tab-separated, `\N` for NULL, and backslash, tab, newline
/// and carriage return escaped, so that no cell can end its row or start another column.
enum CopyTextFormat {
    static func append(_ values: some Sequence<String?>, to buffer: inout ByteBuffer) {
        var first = true
        for value in values {
            if !first { buffer.writeInteger(UInt8(ascii: "\t")) }
            first = false
            guard let value else {
                buffer.writeStaticString("\\N")
                continue
            }
            appendEscaped(value, to: &buffer)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    /// One row of a dataset: the system columns (import id; period and row number for a periodic dataset), then
    /// the typed values, each written as COPY reads it for its column's type, without an intermediate string
    /// where none is needed.
    static func appendRow(
        importID: String, period: (name: String, rowNumber: Int)?, values: [ScreeningValue?], to buffer: inout ByteBuffer
    ) {
        buffer.writeString(importID)
        buffer.writeInteger(UInt8(ascii: "\t"))
        if let period {
            appendEscaped(period.name, to: &buffer)
            buffer.writeInteger(UInt8(ascii: "\t"))
            buffer.writeString(String(period.rowNumber))
            buffer.writeInteger(UInt8(ascii: "\t"))
        }
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch value {
            case nil: buffer.writeStaticString("\\N")
            case .bool(let flag)?: buffer.writeInteger(flag ? UInt8(ascii: "t") : UInt8(ascii: "f"))
            case .int(let number)?: buffer.writeString(String(number))
            case .string(let text)?: appendEscaped(text, to: &buffer)
            case .date(let date)?: appendDate(date, to: &buffer)
            case let value?: appendEscaped(value.description, to: &buffer)
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    private static func appendEscaped(_ value: String, to buffer: inout ByteBuffer) {
        // Nearly every cell has nothing to escape: one scan, then one copy.
        let special = value.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        }
        guard special != false else {
            buffer.writeString(value)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// `YYYY-MM-DD` digit by digit (years 1–9999, as ``CalendarDate`` holds them).
    private static func appendDate(_ date: CalendarDate, to buffer: inout ByteBuffer) {
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                buffer.writeInteger(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(date.year, 4)
        buffer.writeInteger(UInt8(ascii: "-"))
        digits(date.month, 2)
        buffer.writeInteger(UInt8(ascii: "-"))
        digits(date.day, 2)
    }

    /// A typed value as COPY reads it for its column's type.
    static func text(_ value: ScreeningValue?) -> String? {
        switch value {
        case nil: nil
        case .bool(let flag)?: flag ? "t" : "f"
        case let value?: value.description
        }
    }
}
