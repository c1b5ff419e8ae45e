import DixianCore
import DixianReports
import DixianTabular
import DixianTestSupport
import Foundation
import Testing

@Suite("Rectification ledger in seed 003's 附件1 layout")
struct LedgerSheetTests {
    static let heading = LedgerSheet.Heading(
        unitName: "刘胡兰镇", year: 2024, subject: "巩固拓展脱贫攻坚成果同乡村振兴有效衔接", group: "控辍保学专班", leadUnit: "镇教育办",
        filledBy: "王某", date: CalendarDate(year: 2024, month: 7, day: 20)!)

    static let problems = [
        LedgerProblem(
            problem: "个别适龄儿童未入学", measure: "逐户劝返", progress: [
                .init(on: CalendarDate(year: 2024, month: 8, day: 1)!, text: "已劝返1人"),
                .init(on: CalendarDate(year: 2024, month: 7, day: 25)!, text: "完成摸排"),
            ],
            deadline: CalendarDate(year: 2024, month: 8, day: 15)!, result: .inProgress, leadUnit: "镇教育办",
            cooperatingUnits: ["各村委会", "派出所"], responsible: "李某", note: "=HYPERLINK(\"http://x\")"),
        LedgerProblem(
            problem: "资助政策宣传不到位", measure: "入户宣传", deadline: CalendarDate(year: 2024, month: 8, day: 10)!, result: .doneAndSustained,
            leadUnit: "镇教育办", responsible: "李某"),
    ]

    static func bytes() throws -> [UInt8] {
        try XLSXWriter.write(XLSXWorkbook(sheets: [LedgerSheet(heading: heading, problems: problems).sheet()]))
    }

    @Test("title, header block, the ten columns in the seed's words, rows, and the 填表说明 footnote; deadlines as 8月15日前")
    func layout() throws {
        let (header, rows) = try TabularReader(bytes: try Self.bytes(), format: .xlsx).readAll()
        #expect(header.first == "刘胡兰镇 2024 年度巩固拓展脱贫攻坚成果同乡村振兴有效衔接问题排查整改台账")
        let cells = rows.map(\.cells)
        #expect(cells[0].first == "专班: 控辍保学专班" && cells[0].contains("牵头单位: 镇教育办（盖章）") && cells[0].contains("时间: 2024年7月20日"))
        #expect(cells[1] == LedgerSheet.columns)
        #expect(Array(cells[2].prefix(10)) == [
            "1", "个别适龄儿童未入学", "逐户劝返", "7月25日：完成摸排\n8月1日：已劝返1人", "8月15日前", "正在整改", "镇教育办", "各村委会、派出所", "李某",
            "=HYPERLINK(\"http://x\")",
        ])
        #expect(cells[3][4] == "8月10日前" && cells[3][5] == "整改完成长期坚持")
        #expect(cells.last?.first == LedgerSheet.footnote)
        #expect(try Self.bytes() == Self.bytes(), "the same ledger gives the same bytes")
    }

    @Test("openpyxl and calamine: merged title and footnote, frozen header, A4 landscape, a formula from data as text",
          .enabled(if: RequiredTools.enabled(PythonInterpreter.url != nil), "needs python3 with openpyxl and python-calamine"))
    func independentReaders() async throws {
        let sheet = try #require(try await TabularOracle.inspect(try Self.bytes()).sheets.first)
        #expect(sheet.name == "控辍保学专班")
        #expect(Set(sheet.merged) == ["A1:J1", "A2:C2", "D2:F2", "G2:H2", "I2:J2", "A6:J6"])
        #expect(sheet.frozen == "A4" && sheet.orientation == "landscape" && sheet.paper == 9)
        #expect(sheet.values[2] == LedgerSheet.columns && sheet.calamine[2] == LedgerSheet.columns)
        #expect(sheet.values[3][9] == "=HYPERLINK(\"http://x\")" && sheet.types[3][9] == "s")
        #expect(sheet.calamine[3][4] == "8月15日前" && sheet.calamine[4][5] == "整改完成长期坚持")
    }

    @Test("results: exactly the three forms, by name or id")
    func results() {
        #expect(RectificationResult.allCases.map(\.chineseName) == ["正在整改", "整改完成", "整改完成长期坚持"])
        #expect(RectificationResult(naming: "整改完成") == .done && RectificationResult(naming: "已完成") == nil)
    }
}
