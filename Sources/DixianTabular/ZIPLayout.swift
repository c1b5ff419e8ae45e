/// Checks, before ZIPFoundation reads an archive, that every offset it will seek to lies inside the bytes.
///
/// ZIPFoundation 0.9.20's in-memory file traps (`Range requires lowerBound <= upperBound`) when asked to read
/// after seeking past the end of its data, which a damaged or hostile archive arranges with one wrong offset
/// (found by FuzzTabularXLSX). So the end-of-central-directory record, each central directory entry, its
/// local header and its data descriptor are walked here the way ZIPFoundation walks them, and an offset past the
/// end is an error instead of a crash. ZIP64 is refused: a workbook within ``TabularLimits`` never needs it.
enum ZIPLayout {
    static func check(_ bytes: [UInt8]) throws(TabularError) {
        let count = bytes.count
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func signature(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= count && u32(at) == value }
        let invalid = { (why: String) in
            TabularError(.invalidWorkbook, "不是有效的 XLSX(ZIP)文件:\(why) (damaged ZIP archive)")
        }
        // ZIPFoundation takes the end record nearest the end; without one it refuses the archive itself.
        guard count >= 22, let end = stride(from: count - 22, through: 0, by: -1).first(where: { signature($0, 0x0605_4B50) })
        else { return }
        if signature(end - 20, 0x0706_4B50) { throw invalid("不支持 ZIP64") }
        var position = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            guard position <= count else { throw invalid("中央目录偏移越界") }
            // A record that is cut off or lacks its signature ends ZIPFoundation's walk, as it ends this one.
            guard position + 46 <= count, signature(position, 0x0201_4B50) else { return }
            let flags = u16(position + 8)
            let method = u16(position + 10)
            let compressed = u32(position + 20)
            let uncompressed = u32(position + 24)
            let local = u32(position + 42)
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF else {
                throw invalid("不支持 ZIP64")
            }
            guard local <= count else { throw invalid("本地文件头偏移越界") }
            guard local + 30 <= count, signature(local, 0x0403_4B50) else { return }
            let dataOffset = local + 30 + u16(local + 26) + u16(local + 28)
            guard dataOffset <= count else { throw invalid("数据偏移越界") }
            if flags & 0x08 != 0 {
                guard dataOffset + (method == 0 ? uncompressed : compressed) <= count else {
                    throw invalid("数据描述符偏移越界")
                }
            }
            position += 46 + u16(position + 28) + u16(position + 30) + u16(position + 32)
        }
    }
}
