import Foundation

/// The central directory of a ZIP archive held in memory: where each part's data lies, walked by hand and checked
/// against the bytes before anything is read.
///
/// The reader does not let ZIPFoundation 0.9.20 walk a workbook it did not write. Its in-memory archive traps
/// (`Range requires lowerBound <= upperBound`) on an offset past the end, and its inflater loops forever on a
/// deflate stream that never ends before the data does (both found by FuzzTabularXLSX: one wrong offset, or one
/// damaged block, stalled an import for good). So this walk finds the parts, every offset is checked here, and
/// ``XLSXArchive`` inflates each part with its input cut at the part's compressed size. ZIP64 and encrypted
/// parts are refused: a workbook within ``TabularLimits`` never needs them.
struct ZIPDirectory {
    /// One file in the archive (目录项).
    struct Entry {
        enum Method { case stored, deflated }

        let path: String
        let method: Method
        /// Where the part's (compressed) data starts in the archive.
        let dataOffset: Int
        let compressedSize: Int
        let uncompressedSize: Int
        let crc32: UInt32

        /// The range of the archive's bytes holding this part's data.
        var dataRange: Range<Int> { self.dataOffset..<self.dataOffset + self.compressedSize }
    }

    /// The files, in the central directory's order; directories are left out.
    let entries: [Entry]

    init(_ bytes: [UInt8]) throws(TabularError) {
        let count = bytes.count
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func signature(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= count && u32(at) == value }
        // The end record nearest the end, as every reader takes it: a comment may contain the signature too.
        guard count >= 22, let end = stride(from: count - 22, through: 0, by: -1).first(where: { signature($0, 0x0605_4B50) })
        else { throw Self.invalid("没有中央目录结束记录") }
        if signature(end - 20, 0x0706_4B50) { throw Self.invalid("不支持 ZIP64") }
        var entries: [Entry] = []
        var position = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            guard position + 46 <= count, signature(position, 0x0201_4B50) else { throw Self.invalid("中央目录项越界或损坏") }
            let flags = u16(position + 8)
            let method = u16(position + 10)
            let compressed = u32(position + 20)
            let uncompressed = u32(position + 24)
            let local = u32(position + 42)
            let nameLength = u16(position + 28)
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF else {
                throw Self.invalid("不支持 ZIP64")
            }
            guard flags & 0x01 == 0 else { throw Self.invalid("不支持加密的部件") }
            guard position + 46 + nameLength <= count else { throw Self.invalid("文件名越界") }
            guard local + 30 <= count, signature(local, 0x0403_4B50) else { throw Self.invalid("本地文件头偏移越界或损坏") }
            let dataOffset = local + 30 + u16(local + 26) + u16(local + 28)
            guard dataOffset + compressed <= count else { throw Self.invalid("数据偏移越界") }
            let nameBytes = bytes[position + 46..<position + 46 + nameLength]
            // Part names are ASCII in every workbook; Latin-1 keeps any other name readable without failing.
            let path = String(bytes: nameBytes, encoding: .utf8) ?? String(nameBytes.map { Character(Unicode.Scalar($0)) })
            if !path.hasSuffix("/") {
                let kind: Entry.Method
                switch method {
                case 0: kind = .stored
                case 8: kind = .deflated
                default: throw Self.invalid("不支持的压缩方式 \(method)")
                }
                entries.append(Entry(
                    path: path, method: kind, dataOffset: dataOffset, compressedSize: compressed,
                    uncompressedSize: uncompressed, crc32: UInt32(u32(position + 16))))
            }
            position += 46 + nameLength + u16(position + 30) + u16(position + 32)
        }
        self.entries = entries
    }

    private static func invalid(_ why: String) -> TabularError {
        TabularError(.invalidWorkbook, "不是有效的 XLSX(ZIP)文件:\(why) (damaged ZIP archive)")
    }
}
