import DixianCore
import DixianScreening
import Foundation
import LibFuzzerDriver

/// Parses and type-checks the input as a rule condition; one that checks is evaluated on rows with and
/// without missing values and compiled to SQL. Any crash, or SQL whose placeholders do not match its binds,
/// is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let condition = try? RuleCondition(text, schema: schema) else { return 0 }
    for row in rows {
        let first = condition.evaluate(row, in: context)
        precondition(first == condition.evaluate(row, in: context), "evaluation is not deterministic: \(text)")
    }
    let fragment = SQLCompiler().compile(condition, context: context)
    for index in fragment.binds.indices {
        precondition(fragment.text.contains("$\(index + 1)::"), "bind \(index + 1) unused in \(fragment.text)")
    }
    precondition(!fragment.text.contains("$\(fragment.binds.count + 1)::"), "placeholder without a bind: \(text)")
    return 0
}

let schema = RuleSchema(
    columns: [
        .init(name: "resident_id", type: .string), .init(name: "n", type: .int), .init(name: "x", type: .double),
        .init(name: "s", type: .string), .init(name: "b", type: .bool), .init(name: "d", type: .date),
    ],
    parameters: ["limit": .int, "line": .double, "kinds": .list(.string), "since": .date])

let context = ScreeningContext(
    asOf: CalendarDate(year: 2026, month: 2, day: 28)!,
    parameters: [
        "limit": .int(2), "line": .double(7800), "kinds": .list([.string("C"), .string("D")]),
        "since": .date(CalendarDate(year: 2024, month: 2, day: 29)!),
    ])

let rows: [DictionaryRow] = [
    DictionaryRow(columns: [:]),
    DictionaryRow(
        columns: [
            "resident_id": .string("x"), "n": .int(Int64.max), "x": .double(Decimal(string: "0.1")!),
            "s": .string("岚川"), "b": .bool(true), "d": .date(CalendarDate(year: 2008, month: 2, day: 29)!),
        ],
        register: [RegisterField.all[1]: .date(CalendarDate(year: 1, month: 1, day: 1)!)]),
    DictionaryRow(columns: ["n": .int(Int64.min), "x": .double(0), "s": .string(""), "b": .bool(false)]),
]

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzRuleCondition_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
