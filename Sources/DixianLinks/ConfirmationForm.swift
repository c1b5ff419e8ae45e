import Foundation

/// The fields of a submitted confirmation form (`POST /a/TOKEN`): the achieved quantity and a note.
public struct ConfirmationForm: Sendable, Hashable {
    /// The longest note accepted, in characters (a browser's `maxlength` counts UTF-16 units, never
    /// fewer, so text the form lets through always passes here).
    public static let maximumNoteLength = 2000
    /// Bodies larger than this are refused unread (a full note percent-encodes to under 30 KiB).
    public static let maximumBodyLength = 64 * 1024
    /// Form field names, shared with ``ConfirmationPage``.
    static let achievedField = "achieved"
    static let noteField = "note"

    /// The achieved quantity, nil when the field was absent or blank.
    public var achieved: Decimal?
    /// The note, trimmed, line breaks as `\n`; nil when absent or blank.
    public var note: String?

    public init(achieved: Decimal? = nil, note: String? = nil) {
        self.achieved = achieved
        self.note = note
    }

    /// Reads an `application/x-www-form-urlencoded` UTF-8 body. Unknown fields are ignored (a browser
    /// extension may add some); a repeated known field is an error.
    public static func parse(_ body: some Collection<UInt8>) throws(ConfirmationFormError) -> ConfirmationForm {
        guard body.count <= Self.maximumBodyLength else {
            throw ConfirmationFormError(.malformedBody, "提交的内容过大。", context: ["bytes": String(body.count)])
        }
        guard let pairs = FormURLEncoding.decode(body) else {
            throw ConfirmationFormError(.malformedBody, "提交的内容无法识别，请返回重新填写。")
        }
        var fields: [String: String] = [:]
        for pair in pairs where pair.name == Self.achievedField || pair.name == Self.noteField {
            guard fields.updateValue(pair.value, forKey: pair.name) == nil else {
                throw ConfirmationFormError(.duplicateField, "提交的内容有重复项，请返回重新填写。", context: ["field": pair.name])
            }
        }
        return try parse(fields: fields)
    }

    /// The form from fields decoded already (the console's form, which also carries its CSRF token): `achieved`
    /// and `note`, other fields ignored.
    public static func parse(fields: [String: String]) throws(ConfirmationFormError) -> ConfirmationForm {
        let achievedText = fields[Self.achievedField] ?? ""
        let noteText = fields[Self.noteField] ?? ""
        do throws(ConfirmationFormError) {
            return ConfirmationForm(achieved: try Self.number(achievedText), note: try Self.note(noteText))
        } catch {
            var error = error
            error.achievedText = achievedText
            error.noteText = noteText
            throw error
        }
    }

    /// A non-negative decimal: ASCII or full-width digits (a Chinese input method may type those), at
    /// most one decimal point, 15 digits before it and 6 after; blank is nil.
    static func number(_ text: String) throws(ConfirmationFormError) -> Decimal? {
        var ascii = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: ascii.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0E, 0x3002: ascii += "."
            default: ascii.unicodeScalars.append(scalar)
            }
        }
        let trimmed = ascii.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in !part.isEmpty && part.utf8.allSatisfy { (0x30...0x39).contains($0) } }
        guard parts.count <= 2, parts.allSatisfy(isDigits), parts[0].utf8.count <= 15, parts.count == 1 || parts[1].utf8.count <= 6,
            let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
        else {
            throw ConfirmationFormError(.notANumber, "完成数应为不小于0的数字，例如 12 或 3.5。", context: ["length": String(text.count)])
        }
        return value
    }

    /// Line breaks normalised to `\n` (browsers send `\r\n`), other control characters dropped (they come
    /// from pasted text, are invisible, and PostgreSQL refuses NUL in text), then trimmed; blank is nil.
    static func note(_ text: String) throws(ConfirmationFormError) -> String? {
        var cleaned = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\r": cleaned += "\n"
            case "\n": if !previousWasCR { cleaned += "\n" }
            case "\t": cleaned += "\t"
            default:
                if scalar.properties.generalCategory == .control { continue }
                cleaned.unicodeScalars.append(scalar)
            }
        }
        let trimmed = cleaned.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= Self.maximumNoteLength else {
            throw ConfirmationFormError(
                .noteTooLong, "备注不能超过\(Self.maximumNoteLength)字（当前\(trimmed.count)字）。",
                context: ["characters": String(trimmed.count)]
            )
        }
        return trimmed
    }
}
