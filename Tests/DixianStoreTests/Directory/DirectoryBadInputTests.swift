import DixianDirectory
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// Issue 18's bad-input suite for directory imports: generated broken files, each refused with its CSV line,
/// column and code, and the whole database unchanged (``DatabaseDump``) after every one.
@Suite("Directory imports: generated bad files change nothing")
struct DirectoryBadInputTests {
    /// One bad file and the issue it must give.
    struct Case: CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        var line: Int
        var code: DirectoryIssue.Code
        /// The column header the issue names, nil for a file- or row-level issue.
        var column: String?
        /// Text the message must contain (its English part, so it stays clear to both readers).
        var message: String

        var description: String { name }
    }

    static let officialColumns = ["工号", "姓名", "角色", "单位代码", "行业部门", "行业", "邮箱", "手机", "企业微信"]
    static let goodOfficial = ["N010", "赵六", "helper", "149721101201", "", "", "zl@lanchuan.gov.invalid", "10000000010", ""]

    /// The officials file with `goodOfficial` on line 2 and, on line 3, that row with `column` set to `value`
    /// (and any `also` changes).
    static func official(_ column: String, _ value: String, also: [String: String] = [:]) -> [UInt8] {
        var row = goodOfficial
        row[0] = "N011"
        for (name, text) in also.merging([column: value], uniquingKeysWith: { $1 }) {
            row[officialColumns.firstIndex(of: name)!] = text
        }
        let text = DirectoryFixtures.officialsHeader + goodOfficial.joined(separator: ",") + "\r\n"
            + row.joined(separator: ",") + "\r\n"
        return Array(text.utf8)
    }

    static func officialCase(
        _ column: String, _ value: String, also: [String: String] = [:], _ code: DirectoryIssue.Code,
        names: String? = nil, message: String
    ) -> Case {
        Case(
            name: "officials \(column)=\(value.debugDescription) \(also)", bytes: official(column, value, also: also),
            line: 3, code: code, column: names ?? column, message: message)
    }

    static let longText = String(repeating: "长", count: 200)

    static let officialCases: [Case] = [
        officialCase("工号", "", .missingValue, message: "(id is empty)"),
        officialCase("姓名", "", .missingValue, message: "(empty)"),
        officialCase("姓名", longText, .invalidValue, message: "(too long or control characters)"),
        officialCase("姓名", "赵\u{7}六", .invalidValue, message: "(too long or control characters)"),
        officialCase("角色", "", .missingValue, message: "(no role)"),
        officialCase("角色", "wizard", .unknownRole, message: "wizard"),
        officialCase("角色", "helper;wizard", .unknownRole, message: "wizard"),
        officialCase("角色", "村长", .unknownRole, message: "村长"),
        officialCase("单位代码", "", .missingValue, message: "(unit code is empty)"),
        officialCase("单位代码", "149721101299", .unknownUnit, message: "149721101299"),
        officialCase("单位代码", "12345", .invalidCode, message: "12345"),
        officialCase("单位代码", "14972110120X", .invalidCode, message: "14972110120X"),
        officialCase("单位代码", "149721101000", .roleLevel, message: "(role is held at village level)"),
        officialCase("角色", "town_head", .roleLevel, names: "单位代码", message: "(role is held at town level)"),
        officialCase(
            "角色", "bureau_contact", also: ["单位代码": "149721000000", "行业部门": "岚川县教育和体育局"], .sectorRequired,
            names: "行业", message: "bureau_contact"),
        officialCase(
            "行业", "space", also: ["角色": "bureau_contact", "单位代码": "149721000000", "行业部门": "岚川县教育和体育局"],
            .unknownSector, message: "(unknown sector)"),
        officialCase("邮箱", "a@@b.invalid", .invalidEmail, message: "(invalid e-mail address)"),
        officialCase("邮箱", "noatsign", .invalidEmail, message: "(invalid e-mail address)"),
        officialCase("邮箱", "@x.invalid", .invalidEmail, message: "(invalid e-mail address)"),
        officialCase("邮箱", "a b@x.invalid", .invalidEmail, message: "(invalid e-mail address)"),
        officialCase("邮箱", "a@", .invalidEmail, message: "(invalid e-mail address)"),
        officialCase("邮箱", "zl@lanchuan", .invalidEmail, message: "(invalid e-mail address)"),
        officialCase("邮箱", "赵六@x.invalid", .invalidEmail, message: "(invalid e-mail address)"),
        officialCase("邮箱", "a..b@x.invalid", .invalidEmail, message: "(invalid e-mail address)"),
        officialCase("邮箱", "a@-x.invalid", .invalidEmail, message: "(invalid e-mail address)"),
        officialCase("邮箱", "a@x.c0m", .invalidEmail, message: "(invalid e-mail address)"),
        officialCase("手机", "123", .invalidMobile, message: "(invalid mobile number)"),
        officialCase("手机", "1000000001", .invalidMobile, message: "(invalid mobile number)"),
        officialCase("手机", "20000000010", .invalidMobile, message: "(invalid mobile number)"),
        officialCase("手机", "1000000001x", .invalidMobile, message: "(invalid mobile number)"),
        officialCase("手机", "100000000100", .invalidMobile, message: "(invalid mobile number)"),
        officialCase("手机", "+8720000000010", .invalidMobile, message: "(invalid mobile number)"),
        officialCase("企业微信", "a b", .invalidValue, message: "(invalid chat id)"),
        officialCase("企业微信", String(repeating: "w", count: 129), .invalidValue, message: "(invalid chat id)"),
        officialCase("企业微信", "a\u{1}b", .invalidValue, message: "(invalid chat id)"),
        Case(
            name: "officials duplicate id",
            bytes: Array((DirectoryFixtures.officialsHeader + goodOfficial.joined(separator: ",") + "\r\n"
                + goodOfficial.joined(separator: ",") + "\r\n").utf8),
            line: 3, code: .duplicate, column: "工号", message: "(duplicate id)"),
        Case(
            name: "officials unquoted comma",
            bytes: Array((DirectoryFixtures.officialsHeader + goodOfficial.joined(separator: ",") + "\r\n"
                + goodOfficial.joined(separator: ",").replacingOccurrences(of: "N010", with: "N011") + ",多余\r\n").utf8),
            line: 3, code: .invalidValue, column: nil, message: "(more fields than the header)"),
    ]

    static func units(_ rows: String...) -> [UInt8] {
        Array(("单位代码,名称,层级\n" + rows.map { $0 + "\n" }.joined()).utf8)
    }

    /// A units file whose line 2 is `row`, refused at `column` with `code`.
    static func unitCase(_ row: String, _ column: String?, _ code: DirectoryIssue.Code, _ message: String) -> Case {
        Case(name: "units \(row.debugDescription)", bytes: units(row), line: 2, code: code, column: column, message: message)
    }

    static let unitCases: [Case] = [
        unitCase(",新村,村", "单位代码", .missingValue, "(code is empty)"),
        unitCase("149721101203,,村", "名称", .missingValue, "(name is empty)"),
        unitCase("149721101203,\(longText),村", "名称", .invalidValue, "(name too long or has control characters)"),
        unitCase("149721101203,新\u{8}村,村", "名称", .invalidValue, "(name too long or has control characters)"),
        unitCase("149721101203,新村,星球", "层级", .invalidValue, "(invalid level)"),
        unitCase("149721101203,新村,乡镇", "层级", .levelMismatch, "(level does not match the code)"),
        unitCase("12345,新村,村", "单位代码", .invalidCode, "12345"),
        unitCase("14972110120A,新村,村", "单位代码", .invalidCode, "14972110120A"),
        unitCase("149721199201,孤村,村", "单位代码", .hierarchy, "149721199"),
        unitCase("149721101203,新村,村,多余", nil, .invalidValue, "(more fields than the header)"),
        Case(name: "units duplicate", bytes: units("149721101203,新村,村", "149721101203,新村,村"), line: 3,
             code: .duplicate, column: "单位代码", message: "(duplicate code)"),
    ]

    static let fileCases: [Case] = [
        Case(name: "empty file", bytes: [], line: 1, code: .header, column: nil, message: "(empty file or no header row)"),
        Case(name: "blank lines only", bytes: Array("\r\n\r\n".utf8), line: 1, code: .header, column: nil,
             message: "(empty file or no header row)"),
        Case(name: "unknown column", bytes: Array("工号,姓名,角色,单位代码,颜色\r\n".utf8), line: 1, code: .header,
             column: "颜色", message: "颜色"),
        Case(name: "duplicate column", bytes: Array("单位代码,名称,层级,名称\n".utf8), line: 1, code: .header,
             column: "名称", message: "名称"),
        Case(name: "unterminated quote", bytes: units("149721101203,\"新村,村"), line: 2, code: .invalidValue,
             column: nil, message: "(a quoted field is never closed)"),
        Case(name: "text after closing quote", bytes: units("149721101203,\"新村\"x,村"), line: 2, code: .invalidValue,
             column: nil, message: "(expected a comma or line break after a closing quote)"),
        Case(name: "neither UTF-8 nor GB18030", bytes: [0xD5, 0x30, 0xFF, 0x81], line: 1, code: .header, column: nil,
             message: "(neither UTF-8 nor GB18030)"),
        Case(name: "UTF-8 BOM with invalid UTF-8", bytes: [0xEF, 0xBB, 0xBF, 0xFF], line: 1, code: .header, column: nil,
             message: "(UTF-8 BOM but invalid UTF-8)"),
        Case(name: "UTF-16 BOM with an odd length", bytes: [0xFF, 0xFE, 0x41], line: 1, code: .header, column: nil,
             message: "(UTF-16 BOM but invalid UTF-16)"),
        Case(name: "UTF-32 LE", bytes: [0xFF, 0xFE, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00], line: 1, code: .header,
             column: nil, message: "(UTF-32 is not supported, save as CSV UTF-8)"),
        Case(name: "UTF-32 BE", bytes: [0x00, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x41], line: 1, code: .header,
             column: nil, message: "(UTF-32 is not supported, save as CSV UTF-8)"),
    ]

    static let allCases = officialCases + unitCases + fileCases

    @Test("at least 50 generated bad directory files")
    func enoughCases() {
        #expect(Self.allCases.count >= 50)
        #expect(Set(Self.allCases.map(\.name)).count == Self.allCases.count)
    }

    @Test("every bad file is refused with its line, column and code, and the database is unchanged")
    func badFilesChangeNothing() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: TestDatabase.logger)
                let store = DirectoryStore(client: client, logger: TestDatabase.logger)
                let roles = DirectoryFixtures.roles
                _ = try await store.importFile(Array(DirectoryFixtures.units.utf8), roles: roles)
                _ = try await store.importFile(Array(DirectoryFixtures.officials.utf8), roles: roles)
            }
            let before = try await DatabaseDump.text(of: endpoint)
            #expect(before.contains("149721101201"))
            for bad in Self.allCases {
                let report = try await TestDatabase.withClient(endpoint) { client in
                    try await DirectoryStore(client: client, logger: TestDatabase.logger)
                        .importFile(bad.bytes, roles: DirectoryFixtures.roles)
                }
                #expect(!report.applied, "\(bad): applied")
                let found = report.plan.fileIssues + report.plan.issues.filter { !$0.isConsequence }
                let shown = found.map { "\($0.line) \($0.code) [\($0.column ?? "-")] \($0.message)" }
                #expect(found.count == 1, "\(bad): \(shown)")
                if let issue = found.first {
                    #expect(issue.line == bad.line, "\(bad): \(shown)")
                    #expect(issue.code == bad.code, "\(bad): \(shown)")
                    #expect(issue.column == bad.column, "\(bad): \(shown)")
                    #expect(issue.message.contains(bad.message), "\(bad): \(shown)")
                    if let column = bad.column, let number = issue.columnNumber {
                        #expect(issue.diagnostic(file: "f.csv").description.hasPrefix("f.csv:\(bad.line):\(number): error: [\(column)]"))
                    }
                }
                #expect(try await DatabaseDump.text(of: endpoint) == before, "\(bad) changed the database")
            }
        }
    }
}
