import Foundation

/// The character encoding a directory file was found in.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    /// UTF-8 without a byte-order mark.
    case utf8 = "UTF-8"
    /// UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" writes it.
    case utf8BOM = "UTF-8 (BOM)"
    /// UTF-16 with a byte-order mark, as Excel's "Unicode text" writes it.
    case utf16 = "UTF-16"
    /// GB18030, a superset of GBK and GB2312: what Excel writes as "CSV" on Chinese Windows.
    case gb18030 = "GB18030"

    /// Decodes a file: a byte-order mark decides; else valid UTF-8 is UTF-8; else GB18030.
    ///
    /// Valid UTF-8 first is safe: Chinese text in GB18030 is almost never valid UTF-8, while a
    /// pure-ASCII file is the same in both. GB18030 is decoded by Foundation's `GB_18030_2000`
    /// encoding (`kCFStringEncodingGB_18030_2000`, NSStringEncoding `0x80000632`), which
    /// swift-corelibs-foundation supports on Linux; it rejects malformed input instead of
    /// inventing characters.
    public static func decode(_ bytes: [UInt8]) throws(DirectoryError) -> (text: String, encoding: TextEncoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
                throw Self.undecodable("文件以 UTF-8 BOM 开头,但内容不是有效的 UTF-8 (UTF-8 BOM but invalid UTF-8)")
            }
            return (text, .utf8BOM)
        }
        // UTF-32's byte-order marks first: `FF FE 00 00` begins with UTF-16 LE's `FF FE`.
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw Self.undecodable(
                "文件为 UTF-32 编码,不支持;请在 Excel 中另存为“CSV UTF-8” (UTF-32 is not supported, save as CSV UTF-8)")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard bytes.count % 2 == 0, let text = String(data: Data(bytes.dropFirst(2)), encoding: encoding) else {
                throw Self.undecodable("文件以 UTF-16 BOM 开头,但内容无效 (UTF-16 BOM but invalid UTF-16)")
            }
            return (text, .utf16)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return (text, .utf8)
        }
        if let text = String(data: Data(bytes), encoding: Self.gb18030Encoding) {
            return (text, .gb18030)
        }
        throw Self.undecodable("既不是 UTF-8 也不是 GB18030/GBK;请在 Excel 中另存为“CSV UTF-8” (neither UTF-8 nor GB18030)")
    }

    /// Encodes text, for tests and for writing files Excel on Chinese Windows opens directly.
    public func encode(_ text: String) -> [UInt8]? {
        switch self {
        case .utf8: Optional(Array(text.utf8))
        case .utf8BOM: [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .utf16: text.data(using: .utf16LittleEndian).map { [0xFF, 0xFE] + Array($0) }
        case .gb18030: text.data(using: Self.gb18030Encoding).map(Array.init)
        }
    }

    /// `String.Encoding` for GB18030-2000 (CoreFoundation's `kCFStringEncodingGB_18030_2000` = 0x0632,
    /// mapped to NSStringEncoding by setting the high bit).
    static let gb18030Encoding = String.Encoding(rawValue: 0x8000_0632)

    private static func undecodable(_ message: String) -> DirectoryError {
        DirectoryError(.undecodable, "无法识别文件编码:\(message)")
    }
}
