import DixianCore
import DixianDirectory
import DixianPlugins
import DixianScreening
import DixianTabular
import Foundation

/// Turns one cell's text into the typed value its column declares, or the issue that says why not.
struct CellConverter: Sendable {
    /// Village and other division codes that exist in the directory; nil accepts any well-formed code.
    var knownDivisions: Set<String>?

    enum Outcome {
        case value(ScreeningValue?)
        case issue(ImportIssue.Code, String)
    }

    func convert(_ text: String, kind: TabularCellKind, column: Dataset.Column) -> Outcome {
        let trimmed = Self.trimmed(text)
        guard !trimmed.isEmpty else {
            return column.isRequired ? .issue(.missingValue, "必填项为空 (required value missing)") : .value(nil)
        }
        do {
            return .value(try typed(trimmed, kind: kind, column: column))
        } catch let error as TabularCellError {
            return .issue(.invalidValue, error.message)
        } catch let error as ResidentIDError {
            return .issue(error.problem == .checkDigit ? .checkDigit : .invalidResidentID, error.message)
        } catch let error as CellProblem {
            return .issue(error.code, error.message)
        } catch {
            return .issue(.invalidValue, "无法识别的值 (unreadable value)")
        }
    }

    /// Spaces, line breaks, the ideographic space and a stray byte-order mark, which spreadsheets leave around
    /// values.
    static let space = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}\u{FEFF}"))

    /// Most cells have nothing to trim: look at both ends before asking Foundation.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        guard space.contains(first) || space.contains(last) else { return text }
        return text.trimmingCharacters(in: space)
    }

    struct CellProblem: Error {
        var code: ImportIssue.Code
        var message: String
    }

    private func typed(_ text: String, kind: TabularCellKind, column: Dataset.Column) throws -> ScreeningValue {
        switch column.kind {
        case .text:
            return .string(text)
        case .enum:
            guard let values = column.values, values.contains(text) else {
                throw CellProblem(
                    code: .notInList,
                    message: "不在可选值中，可选：\((column.values ?? []).joined(separator: "、")) (not one of the allowed values)")
            }
            return .string(text)
        case .integer:
            return .int(Int64(try TabularCellParser.integer(text)))
        case .decimal, .money:
            return .double(try TabularCellParser.decimal(text))
        case .percent:
            let number = text.hasSuffix("%") || text.hasSuffix("％") ? String(text.dropLast()) : text
            return .double(try TabularCellParser.decimal(number))
        case .boolean:
            return .bool(try TabularCellParser.boolean(text))
        case .date:
            return .date(try TabularCellParser.date(text))
        case .residentID:
            return .string(try ResidentID.validate(text).get().value)
        case .divisionCode:
            let code: DivisionCode
            do {
                code = try DivisionCode(validating: text)
            } catch {
                throw CellProblem(code: .invalidValue, message: "区划代码应为12位数字 (a division code has 12 digits)")
            }
            if let knownDivisions, !knownDivisions.contains(code.rawValue) {
                throw CellProblem(code: .unknownDivision, message: "组织目录中没有这个区划代码 (unknown division code)")
            }
            return .string(code.rawValue)
        }
    }
}
