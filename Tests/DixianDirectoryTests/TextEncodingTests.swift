import DixianDirectory
import Testing

@Suite("Text encodings: UTF-8 with or without BOM, UTF-16, GB18030/GBK")
struct TextEncodingTests {
    /// `'张三'.encode('gb18030')` in Python.
    static let zhangSanGB18030: [UInt8] = [0xD5, 0xC5, 0xC8, 0xFD]

    @Test("GB18030 bytes from Python decode to Chinese")
    func gb18030() throws {
        let (text, encoding) = try TextEncoding.decode(Self.zhangSanGB18030)
        #expect(text == "张三")
        #expect(encoding == .gb18030)
        // `'王建国,李秀英'.encode('gb18030')`.
        let names: [UInt8] = [0xCD, 0xF5, 0xBD, 0xA8, 0xB9, 0xFA, 0x2C, 0xC0, 0xEE, 0xD0, 0xE3, 0xD3, 0xA2]
        #expect(try TextEncoding.decode(names).text == "王建国,李秀英")
        // Four-byte GB18030 sequences (`'䶮😀'.encode('gb18030')`), which GBK lacks.
        #expect(try TextEncoding.decode([0xFE, 0x9F, 0x94, 0x39, 0xFC, 0x36]).text == "䶮😀")
        #expect(TextEncoding.gb18030.encode("张三") == Self.zhangSanGB18030)
    }

    @Test("UTF-8 with and without BOM; UTF-16 with BOM")
    func unicode() throws {
        #expect(try TextEncoding.decode(Array("张三".utf8)) == ("张三", .utf8))
        #expect(try TextEncoding.decode([0xEF, 0xBB, 0xBF] + Array("张三".utf8)) == ("张三", .utf8BOM))
        #expect(try TextEncoding.decode(TextEncoding.utf16.encode("张三,a\r\n")!) == ("张三,a\r\n", .utf16))
        #expect(try TextEncoding.decode(Array("ascii".utf8)).encoding == .utf8)
    }

    @Test("bytes that are neither are refused, not guessed")
    func undecodable() {
        #expect(throws: DirectoryError.self) { try TextEncoding.decode([0xD5, 0x30, 0xFF, 0x81]) }
        #expect(throws: DirectoryError.self) { try TextEncoding.decode([0xEF, 0xBB, 0xBF, 0xFF]) }
    }

    @Test("a UTF-32 byte-order mark is recognised before UTF-16's and refused by name")
    func utf32() {
        let littleEndian: [UInt8] = [0xFF, 0xFE, 0x00, 0x00, 0x20, 0x5F, 0x00, 0x00]
        let bigEndian: [UInt8] = [0x00, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x5F, 0x20]
        for bytes in [littleEndian, bigEndian] {
            do {
                _ = try TextEncoding.decode(bytes)
                Issue.record("UTF-32 decoded")
            } catch {
                #expect(error.message.contains("UTF-32 is not supported"), "\(error.message)")
                #expect(!error.message.contains("UTF-16"))
            }
        }
    }
}
