import DixianScreening
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
        buffer.writeInteger(UInt8(ascii: "\n"))
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
