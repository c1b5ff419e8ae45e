/// A minimal ZIP writer (stored entries, no compression) for wrapping fuzzed parts into a workbook.
enum StoredZip {
    static func workbook(sheet: [UInt8], sharedStrings: [UInt8], styles: [UInt8]) -> [UInt8] {
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let rels = """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """
        let workbook = """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="\(rel)">\
            <sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
        let workbookRels = """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(rel)/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="\(rel)/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId3" Type="\(rel)/styles" Target="styles.xml"/></Relationships>
            """
        return self.archive([
            ("_rels/.rels", Array(rels.utf8)), ("xl/workbook.xml", Array(workbook.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(workbookRels.utf8)), ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", sharedStrings), ("xl/styles.xml", styles),
        ])
    }

    static func archive(_ entries: [(String, [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        var central: [UInt8] = []
        for (path, content) in entries {
            let name = Array(path.utf8)
            let crc = self.crc32(content)
            let offset = output.count
            // Local file header: version 20, no flags, stored, no time, CRC, sizes, name.
            output += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le32(0) + le32(crc)
                + le32(content.count) + le32(content.count) + le16(name.count) + le16(0) + name + content
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le32(0) + le32(crc)
                + le32(content.count) + le32(content.count) + le16(name.count) + le16(0) + le16(0) + le16(0)
                + le16(0) + le32(0) + le32(offset) + name
        }
        let start = output.count
        output += central
        output += le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
            + le32(central.count) + le32(start) + le16(0)
        return output
    }

    private static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    private static func le32(_ value: Int) -> [UInt8] { le32(UInt32(truncatingIfNeeded: value)) }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
