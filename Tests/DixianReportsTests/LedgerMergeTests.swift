import DixianCore
import DixianReports
import DixianTabular
import DixianTestSupport
import Foundation
import Testing

@Suite("A ledger filled in Excel merged back into the stored one")
struct LedgerMergeTests {
    static let august15 = CalendarDate(year: 2024, month: 8, day: 15)!
    static let heading = LedgerSheet.Heading(
        unitName: "刘胡兰镇", year: 2024, subject: "巩固拓展脱贫攻坚成果同乡村振兴有效衔接", group: "控辍保学专班", leadUnit: "镇教育办",
        filledBy: "王某", date: CalendarDate(year: 2024, month: 8, day: 1)!)

    static func problem(_ words: String, progress: [LedgerProblem.Progress] = [], result: RectificationResult = .inProgress) -> LedgerProblem {
        LedgerProblem(problem: words, measure: "逐户劝返", progress: progress, deadline: august15, result: result, leadUnit: "镇教育办", responsible: "李某")
    }

    static func on(_ month: Int, _ day: Int, _ text: String) -> LedgerProblem.Progress {
        .init(on: CalendarDate(year: 2024, month: month, day: day)!, text: text)
    }

    @Test("a new row is a new problem; an edited result and a new progress line update the known one; a deleted line is kept")
    func mergesRows() {
        let stored = [
            LedgerMerge.Stored(
                number: "WT00000001", problem: Self.problem("个别适龄儿童未入学", progress: [Self.on(7, 25, "完成摸排"), Self.on(7, 30, "走访3户")]),
                filledBy: "王某", position: 1)
        ]
        let sheet = LedgerSheet(heading: Self.heading, problems: [
            Self.problem("资助政策宣传不到位"),
            Self.problem("个别适龄儿童未入学", progress: [Self.on(7, 25, "完成摸排"), Self.on(8, 1, "已劝返1人")], result: .done),
        ])
        let merge = LedgerMerge(sheet: sheet, stored: stored)
        #expect(merge.created == 1 && merge.updated == 1 && merge.progressAdded == 1 && merge.keptProgress == 1)
        #expect(merge.items[0].number == nil && merge.items[0].position == 1)
        #expect(merge.items[1].number == "WT00000001" && merge.items[1].position == 2)
        #expect(merge.items[1].changedColumns == ["整改结果"])
        #expect(merge.items[1].newProgress == [Self.on(8, 1, "已劝返1人")])
        #expect(!merge.changesNothing)
    }

    @Test("a changed 填表人 in the header block counts as an edit of every row")
    func filledBy() {
        let stored = [LedgerMerge.Stored(number: "WT00000001", problem: Self.problem("甲"), filledBy: "赵某", position: 1)]
        let merge = LedgerMerge(sheet: LedgerSheet(heading: Self.heading, problems: [Self.problem("甲")]), stored: stored)
        #expect(merge.items[0].changedColumns == ["填表人"])
    }

    @Test("property: a ledger merged into itself changes nothing (200 random ledgers)")
    func mergeIntoItself() throws {
        var random = SeededRandom(seed: 14)
        for _ in 0..<200 {
            let ledger = LedgerSheetReaderTests.randomLedger(&random)
            let (read, issues) = try LedgerSheetReader.read(try LedgerSheetReaderTests.bytes(ledger))
            #expect(issues.isEmpty)
            let stored = ledger.problems.enumerated().map { index, problem in
                LedgerMerge.Stored(number: "WT\(index)", problem: problem, filledBy: ledger.heading.filledBy, position: index + 1)
            }
            let merge = LedgerMerge(sheet: read, stored: stored)
            #expect(merge.changesNothing && merge.keptProgress == 0, "\(merge)")
        }
    }

    @Test("two rows with the same problem are a row error naming the first")
    func duplicateRows() throws {
        let sheet = LedgerSheet(heading: Self.heading, problems: [Self.problem("甲"), Self.problem("乙"), Self.problem("甲")])
        let (read, issues) = try LedgerSheetReader.read(try LedgerSheetReaderTests.bytes(sheet))
        #expect(read.problems.count == 2)
        #expect(issues.map(\.description) == ["第6行 “对照排查内容排查出的具体问题”：与第4行的问题重复"])
    }

    @Test("a book: one sheet per group in the order they come, the header's lead unit the most named, sheet names unique")
    func book() {
        let long = String(repeating: "专", count: 40)
        var other = Self.problem("丙")
        other.leadUnit = "镇卫生院"
        let rows = [
            LedgerBook.Row(group: "控辍保学专班", filledBy: "王某", problem: other),
            LedgerBook.Row(group: "控辍保学专班", filledBy: "赵某", problem: Self.problem("甲")),
            LedgerBook.Row(group: "控辍保学专班", filledBy: "赵某", problem: Self.problem("乙")),
            LedgerBook.Row(group: long, filledBy: "", problem: Self.problem("丁")),
            LedgerBook.Row(group: long + "二", filledBy: "", problem: Self.problem("戊")),
        ]
        let book = LedgerBook(rows: rows, unitName: "岚川县", year: 2024, subject: "巩固", date: Self.august15)
        #expect(book.sheets.map(\.heading.group) == ["控辍保学专班", long, long + "二"])
        #expect(book.sheets[0].heading.leadUnit == "镇教育办" && book.sheets[0].heading.filledBy == "王某")
        let names = book.workbook().sheets.map(\.name)
        #expect(names == ["控辍保学专班", String(long.prefix(31)), String(long.prefix(28)) + "(2)"])
        let blank = LedgerBook(rows: [], unitName: "岚川县", year: 2024, subject: "巩固", date: Self.august15, emptyGroup: "饮水专班")
        #expect(blank.sheets.count == 1 && blank.sheets[0].problems.isEmpty)
    }
}
