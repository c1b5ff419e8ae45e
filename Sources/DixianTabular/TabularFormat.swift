/// The kind of table file a sector bureau sends: comma-separated text or an Excel workbook.
public enum TabularFormat: String, Sendable, Hashable, CaseIterable {
    /// RFC 4180 CSV, in UTF-8 (with or without BOM) or GB18030.
    case csv
    /// Office Open XML workbook (`.xlsx`), a ZIP archive of XML parts.
    case xlsx

    /// The format the bytes are in: a ZIP archive (`PK\x03\x04`) is XLSX, anything else is CSV.
    ///
    /// The content decides rather than the file name because bureau systems and browsers rename files freely;
    /// an operator who knows better overrides the detection (``TabularReader/init(bytes:format:sheet:limits:)``).
    public static func detect(_ bytes: [UInt8]) -> TabularFormat {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? .xlsx : .csv
    }
}
