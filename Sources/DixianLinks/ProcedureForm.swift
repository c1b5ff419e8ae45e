import Foundation

/// The submitted fields of a procedure form behind a signed link (核实、帮扶计划、帮扶措施): by name, each
/// trimmed, line breaks as `\n`, other control characters dropped. Only `allowed` names are kept; a name may
/// repeat only if it is in `multiple` (check boxes).
public struct ProcedureForm: Sendable, Hashable {
    /// Bodies larger than this are refused unread (three 2,000-character fields percent-encode to under 60 KiB).
    public static let maximumBodyLength = 64 * 1024
    /// The longest value of one field, in characters.
    public static let maximumFieldLength = 2000

    public private(set) var values: [String: [String]]

    public init(values: [String: [String]] = [:]) {
        self.values = values
    }

    /// The single value of `name`, nil when absent or blank.
    public func value(_ name: String) -> String? {
        values[name]?.first.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every non-blank value of `name`.
    public func all(_ name: String) -> [String] {
        (values[name] ?? []).filter { !$0.isEmpty }
    }

    public static func parse(
        _ body: some Collection<UInt8>, allowed: Set<String>, multiple: Set<String> = []
    ) throws(ConfirmationFormError) -> ProcedureForm {
        guard body.count <= maximumBodyLength else {
            throw ConfirmationFormError(.malformedBody, "提交的内容过大。", context: ["bytes": String(body.count)])
        }
        guard let pairs = FormURLEncoding.decode(body) else {
            throw ConfirmationFormError(.malformedBody, "提交的内容无法识别，请返回重新填写。")
        }
        var values: [String: [String]] = [:]
        for pair in pairs where allowed.contains(pair.name) {
            if values[pair.name] != nil && !multiple.contains(pair.name) {
                throw ConfirmationFormError(.duplicateField, "提交的内容有重复项，请返回重新填写。", context: ["field": pair.name])
            }
            let cleaned = clean(pair.value)
            guard cleaned.count <= maximumFieldLength else {
                throw ConfirmationFormError(.noteTooLong, "填写的内容超过\(maximumFieldLength)字。", context: ["field": pair.name])
            }
            values[pair.name, default: []].append(cleaned)
        }
        return ProcedureForm(values: values)
    }

    static func clean(_ text: String) -> String {
        var cleaned = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\r" { cleaned.append("\n"); continue }
            if scalar == "\n" { if !previousWasCR { cleaned.append("\n") }; continue }
            if scalar.properties.generalCategory != .control || scalar == "\t" { cleaned.append(scalar) }
        }
        return String(cleaned).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
