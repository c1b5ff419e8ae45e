import DixianCore
import Foundation

/// The fields of a household's own declaration (农户自主申报, `POST /apply/TOKEN`): who, how to reach them,
/// the ID number if they give it, the kind of difficulty and what happened.
public struct SelfDeclarationForm: Sendable, Hashable {
    /// Bodies larger than this are refused unread: the longest description percent-encodes to under 20 KiB.
    public static let maximumBodyLength = 24 * 1024
    public static let maximumNameLength = 50
    public static let maximumDescriptionLength = 1000
    /// Field names, shared with ``SelfDeclarationPage``.
    static let fields = (name: "name", phone: "phone", idNumber: "id_number", difficulty: "difficulty", description: "description")

    public var name: String
    /// Digits only: a mobile (11 digits from 1) or a landline with area code (7–12 digits).
    public var phone: String
    public var residentID: ResidentID?
    /// One of the difficulty types the page offered.
    public var difficulty: String
    public var description: String

    /// Reads an `application/x-www-form-urlencoded` UTF-8 body. `difficulties` are the values the page offered;
    /// unknown fields are ignored, a repeated known field is an error. Errors never carry what was typed.
    public static func parse(_ body: some Collection<UInt8>, difficulties: [String]) throws(SelfDeclarationFormError) -> SelfDeclarationForm {
        guard body.count <= maximumBodyLength else {
            throw SelfDeclarationFormError(.tooLarge, "提交的内容过大，请把情况说明写短一些（\(maximumDescriptionLength)字以内）。")
        }
        guard let pairs = FormURLEncoding.decode(body) else {
            throw SelfDeclarationFormError(.malformedBody, "提交的内容无法识别，请重新填写。")
        }
        let known: Set = [fields.name, fields.phone, fields.idNumber, fields.difficulty, fields.description]
        var values: [String: String] = [:]
        for pair in pairs where known.contains(pair.name) {
            guard values.updateValue(pair.value, forKey: pair.name) == nil else {
                throw SelfDeclarationFormError(.malformedBody, "提交的内容有重复项，请重新填写。")
            }
        }
        let name = clean(values[fields.name] ?? "", keepingLines: false)
        guard !name.isEmpty else { throw SelfDeclarationFormError(.missingField, "请填写姓名。", field: fields.name) }
        guard name.count <= maximumNameLength else { throw SelfDeclarationFormError(.invalidField, "姓名太长。", field: fields.name) }
        let phone = try Self.phone(values[fields.phone] ?? "")
        let residentID = try Self.residentID(values[fields.idNumber] ?? "")
        let difficulty = clean(values[fields.difficulty] ?? "", keepingLines: false)
        guard difficulties.contains(difficulty) else {
            throw SelfDeclarationFormError(.missingField, "请选择困难类型。", field: fields.difficulty)
        }
        let description = clean(values[fields.description] ?? "", keepingLines: true)
        guard !description.isEmpty else { throw SelfDeclarationFormError(.missingField, "请简要说明遇到的困难。", field: fields.description) }
        guard description.count <= maximumDescriptionLength else {
            throw SelfDeclarationFormError(.invalidField, "情况说明请在\(maximumDescriptionLength)字以内。", field: fields.description)
        }
        return SelfDeclarationForm(name: name, phone: phone, residentID: residentID, difficulty: difficulty, description: description)
    }

    /// Digits, full-width digits and the separators people type (space, -, （）) ; 7–12 digits, or 11 from 1.
    static func phone(_ text: String) throws(SelfDeclarationFormError) -> String {
        var digits = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: digits.unicodeScalars.append(scalar)
            case 0xFF10...0xFF19: digits.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0x20, 0x2D, 0x28, 0x29, 0xFF08, 0xFF09, 0x3000: continue
            default: throw SelfDeclarationFormError(.invalidField, "联系电话只能填数字。", field: fields.phone)
            }
        }
        guard !digits.isEmpty else { throw SelfDeclarationFormError(.missingField, "请填写联系电话。", field: fields.phone) }
        guard (7...12).contains(digits.count), digits.count != 11 || digits.hasPrefix("1") else {
            throw SelfDeclarationFormError(.invalidField, "联系电话位数不对，手机号为11位。", field: fields.phone)
        }
        return digits
    }

    /// Blank is nil; otherwise a valid 18-character ID with its check digit (x accepted for X).
    static func residentID(_ text: String) throws(SelfDeclarationFormError) -> ResidentID? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard !trimmed.isEmpty else { return nil }
        guard case .success(let id) = ResidentID.validate(trimmed) else {
            throw SelfDeclarationFormError(.invalidField, "身份证号不正确，请核对（可不填）。", field: fields.idNumber)
        }
        return id
    }

    /// Line breaks as `\n` (or spaces), other control characters dropped, trimmed.
    static func clean(_ text: String, keepingLines: Bool) -> String {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" { cleaned.append(keepingLines ? "\n" : " ") } else if scalar.properties.generalCategory != .control {
                cleaned.append(scalar)
            }
        }
        return String(cleaned).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Why a self-declaration was not accepted: a stable code, the Chinese message for the page and the field
/// to look at. Never what was typed.
public struct SelfDeclarationFormError: Error, Sendable, Hashable {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String
        public static let tooLarge = Code(description: "too_large")
        public static let malformedBody = Code(description: "malformed_body")
        public static let missingField = Code(description: "missing_field")
        public static let invalidField = Code(description: "invalid_field")
    }

    public var code: Code
    public var message: String
    public var field: String?

    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }
}
