import DixianCore
import DixianReports
import DixianTabular
import Foundation
import Testing

@Suite("Rectification ledger read back from the 附件1 layout")
struct LedgerSheetReaderTests {
    static func randomLedger(_ random: inout SeededRandom) -> LedgerSheet {
        let words = ["控辍保学", "家庭医生签约", "危房改造", "饮水", "小额信贷", "公益岗位", "=1+1", "+86", "@", "-", "a, \"b\"", "张三", "、"]
        func text() -> String { (0..<(1 + random.below(4))).map { _ in random.pick(words) }.joined() }
        let year = 2024 + random.below(3)
        // A row finds its stored problem by its words, so a ledger never lists the same problem twice.
        let problems = (0..<random.below(12)).map { index in
            LedgerProblem(
                problem: text() + "\(index + 1)", measure: text(),
                progress: (0..<random.below(3)).map { _ in
                    // A ledger runs into the next year: those dates are written with their year.
                    .init(on: CalendarDate(year: year + random.below(2), month: 1 + random.below(12), day: 1 + random.below(28))!, text: text())
                },
                deadline: CalendarDate(year: year + random.below(2), month: 1 + random.below(12), day: 1 + random.below(28))!,
                result: random.pick(RectificationResult.allCases), leadUnit: "镇" + text(),
                cooperatingUnits: (0..<random.below(3)).map { "单位\($0)" }, responsible: "李某", note: random.below(2) == 0 ? "" : text())
        }
        let heading = LedgerSheet.Heading(
            unitName: "刘胡兰镇", year: year, subject: "巩固拓展脱贫攻坚成果同乡村振兴有效衔接", group: "专班\(random.below(9))",
            leadUnit: "镇教育办", filledBy: "王某", date: CalendarDate(year: year, month: 7, day: 20)!)
        return LedgerSheet(heading: heading, problems: problems)
    }

    static func bytes(_ ledger: LedgerSheet) throws -> [UInt8] {
        try XLSXWriter.write(XLSXWorkbook(sheets: [ledger.sheet()]))
    }

    @Test("property: export → import gives the same ledger, and export again the same bytes (200 random ledgers)")
    func roundTrip() throws {
        var random = SeededRandom(seed: 0x1ED6)
        for _ in 0..<200 {
            let ledger = Self.randomLedger(&random)
            let exported = try Self.bytes(ledger)
            let (read, issues) = try LedgerSheetReader.read(exported)
            #expect(issues.isEmpty, "\(issues)")
            var expected = ledger
            expected.problems = ledger.problems.map { problem in
                var problem = problem
                problem.progress.sort { $0.on < $1.on }
                return problem
            }
            #expect(read.heading == expected.heading)
            #expect(read.problems.map(\.problem) == expected.problems.map(\.problem))
            #expect(try Self.bytes(read) == exported, "byte-identical after the round trip")
        }
    }

    @Test("a bad result and a bad date are refused row by row, naming the row and the column")
    func badRows() throws {
        var sheet = LedgerSheet(heading: LedgerSheetTests.heading, problems: LedgerSheetTests.problems).sheet()
        sheet.rows[3][5] = .text("已完成")
        sheet.rows[4][4] = .text("下个月")
        sheet.rows[4][3] = .text("上周：开会")
        let (_, issues) = try LedgerSheetReader.read(try XLSXWriter.write(XLSXWorkbook(sheets: [sheet])))
        #expect(issues.map(\.description) == [
            "第4行 “整改结果”：须为“正在整改”、“整改完成”或“整改完成长期坚持”",
            "第5行 “整改进展”：每行应为“7月25日：做了什么”",
            "第5行 “整改时限”：应为“8月15日前”或日期",
        ])
    }

    @Test("a workbook without the ledger's title or columns is refused as a whole")
    func notALedger() throws {
        let other = try XLSXWriter.write(XLSXWorkbook(sheets: [XLSXSheet(name: "x", rows: [[.text("名单")], [.text("a")]])]))
        #expect(throws: TabularError.self) { try LedgerSheetReader.read(other) }
        // A year with a leading zero would be written back without it, and then not read (found by FuzzLedgerSheet).
        var heading = LedgerSheetTests.heading
        heading.year = 2024
        let title = try LedgerSheet(heading: heading, problems: LedgerSheetTests.problems).csv()
        #expect(throws: Never.self) { try LedgerSheetReader.read(title) }
        // ASCII is the same in GB18030, and a space is never part of a multi-byte character.
        let year = Array(" 2024 ".utf8)
        let at = try #require((0...title.count - year.count).first { title[$0..<$0 + year.count].elementsEqual(year) })
        var zero = title
        zero.replaceSubrange(at..<at + year.count, with: Array(" 0924 ".utf8))
        #expect(throws: TabularError.self) { try LedgerSheetReader.read(zero) }
    }
}

extension LedgerSheetReaderTests {
    @Test("property: the GB18030 CSV reads back to the same ledger, formulas kept as text, and writes the same bytes again (100 random ledgers)")
    func csvRoundTrip() throws {
        var random = SeededRandom(seed: 0xC5F)
        for _ in 0..<100 {
            let ledger = Self.randomLedger(&random)
            let csv = try ledger.csv()
            let (read, issues) = try LedgerSheetReader.read(csv)
            #expect(issues.isEmpty, "\(issues)")
            #expect(try read.csv() == csv, "byte-identical after the round trip")
            #expect(try Self.bytes(read) == (try Self.bytes(LedgerSheet(heading: ledger.heading, problems: read.problems))))
        }
        let formula = try LedgerSheet(heading: LedgerSheetTests.heading, problems: LedgerSheetTests.problems).csv()
        #expect(String(bytes: formula, encoding: .utf8) == nil, "GB18030, not UTF-8")
        // ASCII is the same in GB18030: the formula is written with its protective apostrophe.
        #expect(String(decoding: formula.filter { $0 < 0x80 }, as: UTF8.self).contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
        let (read, _) = try LedgerSheetReader.read(formula)
        #expect(read.problems.first?.note == "=HYPERLINK(\"http://x\")")
    }
}
