import DixianCore
import DixianTabular
import Foundation
import Testing

@Suite("Cell parsers: dates, money, integers, booleans")
struct CellParserTests {
    static let july1 = CalendarDate(year: 2026, month: 7, day: 1)!

    @Test("the date spellings bureaus use", arguments: [
        "2026-07-01", "2026-7-1", "2026/7/1", "2026/07/01", "2026.7.1", "20260701", "2026年7月1日", "2026年07月01号",
        " 2026-07-01 ", "２０２６／７／１", "2026-07-01 00:00:00", "2026-07-01T08:30:00", "2026/7/1 8:30", "46204",
        "46204.5", "４６２０４",
    ])
    func dates(_ text: String) throws {
        #expect(try TabularCellParser.date(text) == Self.july1)
    }

    @Test("malformed or impossible dates are refused with a reason", arguments: [
        "2026-02-29", "2026-13-01", "2026/7", "26/7/1", "2026-07-01 8", "2026-7/1", "七月一日", "2026", "1900",
        "20261301", "0", "60", "3000000", "-5", "2026-07-01x", "TRUE",
    ])
    func badDates(_ text: String) {
        #expect {
            _ = try TabularCellParser.date(text)
        } throws: { error in
            let error = try #require(error as? TabularCellError)
            return error.code == .invalidDate && error.message.contains("(")
        }
    }

    @Test("Excel serials in the 1900 system: the phantom 29 February is serial 60")
    func serials() throws {
        let system = ExcelDateSystem.date1900
        #expect(system.date(serial: 1) == CalendarDate(year: 1900, month: 1, day: 1))
        #expect(system.date(serial: 59) == CalendarDate(year: 1900, month: 2, day: 28))
        #expect(system.date(serial: 60) == nil)
        #expect(system.date(serial: 61) == CalendarDate(year: 1900, month: 3, day: 1))
        #expect(system.date(serial: 46204) == Self.july1)
        #expect(system.date(serial: 2_958_465) == CalendarDate(year: 9999, month: 12, day: 31))
        #expect(system.date(serial: 0) == nil)
        #expect(ExcelDateSystem.date1904.date(serial: 0) == CalendarDate(year: 1904, month: 1, day: 1))
        #expect(try TabularCellParser.date("44742", system: .date1904) == Self.july1)
        #expect(throws: TabularCellError.self) { try TabularCellParser.date("60") }
        // Round trip over the whole range, both systems.
        for system in ExcelDateSystem.allCases {
            for serial in stride(from: system == .date1900 ? 1 : 0, through: 2_957_000, by: 997) where serial != 60 {
                let date = try #require(system.date(serial: serial))
                #expect(system.serial(of: date) == serial)
            }
        }
    }

    @Test("money in cents, exactly: thousands separators, full-width forms, currency marks", arguments: [
        ("12,345.60", 1_234_560), ("12345.6", 1_234_560), ("１２，３４５．６０", 1_234_560), ("¥12,345.60", 1_234_560),
        ("￥1,000元", 100_000), ("-0.5", -50), ("+7", 700), ("0", 0), ("1,234,567.89", 123_456_789), (".5", 50),
        ("7800", 780_000), ("1.5E+3", 150_000), ("12.300", 1230), ("0.10", 10),
    ])
    func cents(_ text: String, _ cents: Int) throws {
        #expect(try TabularCellParser.cents(text) == cents)
    }

    @Test("amounts that are not money are refused", arguments: [
        ("1,2345", TabularCellError.Code.invalidNumber), ("12.345", .notWhole), ("12,34.5", .invalidNumber),
        ("1.2.3", .invalidNumber), ("abc", .invalidNumber), ("", .empty), ("　", .empty), ("1e", .invalidNumber),
        ("99999999999999999999", .outOfRange), ("12,345.6,0", .invalidNumber), ("--1", .invalidNumber),
    ])
    func badCents(_ text: String, _ code: TabularCellError.Code) {
        #expect {
            _ = try TabularCellParser.cents(text)
        } throws: { ($0 as? TabularCellError)?.code == code }
    }

    @Test("decimals are exact, never through a binary float")
    func decimals() throws {
        #expect(try TabularCellParser.decimal("0.1") == Decimal(sign: .plus, exponent: -1, significand: 1))
        #expect(try TabularCellParser.decimal("12,345.60") == Decimal(string: "12345.6"))
        #expect(try TabularCellParser.decimal("-1.25E-3") == Decimal(string: "-0.00125"))
        let long = "1234567890123456789012345678.9012345678"
        #expect(try TabularCellParser.decimal(long).description == long)
        #expect(throws: TabularCellError.self) { try TabularCellParser.decimal("1" + String(repeating: "0", count: 40) + ".1") }
    }

    @Test("integers", arguments: [("42", 42), ("1,234", 1234), ("12.0", 12), ("-3", -3), ("1E+3", 1000), ("０", 0)])
    func integers(_ text: String, _ value: Int) throws {
        #expect(try TabularCellParser.integer(text) == value)
    }

    @Test("integers refuse fractions and overflow")
    func badIntegers() throws {
        #expect { try TabularCellParser.integer("12.5") } throws: { ($0 as? TabularCellError)?.code == .notWhole }
        #expect { try TabularCellParser.integer("9223372036854775808") } throws: {
            ($0 as? TabularCellError)?.code == .outOfRange
        }
        #expect(try TabularCellParser.integer("9223372036854775807") == Int.max)
    }

    @Test("booleans: 是/否, Y/N, yes/no, true/false in any case, 1/0")
    func booleans() throws {
        for text in ["是", "Y", "y", "yes", "true", "TRUE", "True", "1", " 是 ", "Ｙ"] {
            #expect(try TabularCellParser.boolean(text) == true, "\(text)")
        }
        for text in ["否", "N", "no", "false", "FALSE", "0"] {
            #expect(try TabularCellParser.boolean(text) == false, "\(text)")
        }
        for text in ["有", "2", "yes!", "不是"] {
            #expect { try TabularCellParser.boolean(text) } throws: { ($0 as? TabularCellError)?.code == .invalidBoolean }
        }
        #expect { try TabularCellParser.boolean("") } throws: { ($0 as? TabularCellError)?.code == .empty }
    }

    @Test("format detection by content, and a forced format")
    func formats() throws {
        #expect(TabularFormat.detect([0x50, 0x4B, 0x03, 0x04, 0]) == .xlsx)
        #expect(TabularFormat.detect(Array("a,b".utf8)) == .csv)
        #expect(TabularFormat.detect(Array("PK,b".utf8)) == .csv)
        #expect(throws: TabularError.self) { _ = try TabularReader(bytes: Array("a,b\n".utf8), format: .xlsx).readAll() }
    }
}
