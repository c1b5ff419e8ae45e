import DixianCore
import Foundation
import Testing

@testable import DixianLinks

@Suite("Self-declaration form (农户自主申报)")
struct SelfDeclarationFormTests {
    static let difficulties = ["因病", "因残", "因学", "因灾", "其他"]

    static func encode(_ fields: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
        return Array(body.utf8)
    }

    static let valid: [(String, String)] = [
        ("name", "张三"), ("phone", "138 0000 1111"), ("id_number", "11010519491231002x"), ("difficulty", "因病"),
        ("description", "户主住院\r\n自付费用大"),
    ]

    @Test("a complete form: phone digits only, ID checked and upper-cased, line breaks kept as \\n")
    func valid() throws {
        let form = try SelfDeclarationForm.parse(Self.encode(Self.valid), difficulties: Self.difficulties)
        #expect(form.name == "张三" && form.phone == "13800001111" && form.difficulty == "因病")
        #expect(form.residentID?.value == "11010519491231002X")
        #expect(form.description == "户主住院\n自付费用大")
    }

    @Test("each wrong field is refused with its field named and nothing typed in the message")
    func refusals() {
        let cases: [(String, String, String)] = [
            ("name", "", "name"), ("phone", "1380000111122", "phone"), ("phone", "23800001111", "phone"), ("phone", "1380000111a", "phone"),
            ("id_number", "110105194912310021", "id_number"), ("difficulty", "因穷", "difficulty"),
            ("description", " \r\n ", "description"), ("description", String(repeating: "难", count: 1001), "description"),
        ]
        for (field, value, expected) in cases {
            let fields = Self.valid.map { $0.0 == field ? ($0.0, value) : $0 }
            #expect {
                _ = try SelfDeclarationForm.parse(Self.encode(fields), difficulties: Self.difficulties)
            } throws: { error in
                guard let error = error as? SelfDeclarationFormError else { return false }
                return error.field == expected && !error.message.contains(value.isEmpty ? "\u{0}" : value)
            }
        }
    }

    @Test("too large, malformed and repeated bodies are refused")
    func malformed() {
        let large = [UInt8](repeating: UInt8(ascii: "a"), count: SelfDeclarationForm.maximumBodyLength + 1)
        #expect(throws: SelfDeclarationFormError.self) { try SelfDeclarationForm.parse(large, difficulties: Self.difficulties) }
        #expect(throws: SelfDeclarationFormError.self) { try SelfDeclarationForm.parse(Array("name=%ZZ".utf8), difficulties: Self.difficulties) }
        let repeated = Self.encode(Self.valid + [("name", "李四")])
        #expect(throws: SelfDeclarationFormError.self) { try SelfDeclarationForm.parse(repeated, difficulties: Self.difficulties) }
    }

    @Test("property: random bodies either parse within every limit or are refused, never crash (2,000 cases)")
    func randomBodies() {
        var random = SeededRandom(seed: 0x5E1F)
        let pieces = ["name=", "phone=", "id_number=", "difficulty=", "description=", "&", "%E5%9B%A0%E7%97%85", "%00", "%0D%0A",
                      "13800001111", "11010519491231002X", "%", "%F0%9F%98%80", "+", "=", "%ZZ", "a", "其"]
        for _ in 0..<2000 {
            let body = (0..<random.below(24)).map { _ in random.pick(pieces) }.joined()
            do {
                let form = try SelfDeclarationForm.parse(Array(body.utf8), difficulties: Self.difficulties)
                #expect(!form.name.isEmpty && form.name.count <= SelfDeclarationForm.maximumNameLength)
                #expect((7...12).contains(form.phone.count) && form.phone.allSatisfy(\.isNumber))
                #expect(Self.difficulties.contains(form.difficulty))
                #expect(!form.description.isEmpty && !form.description.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test("the page never shows what was typed: the form re-renders empty, the receipt has only its number")
    func pagesEchoNothing() {
        let page = SelfDeclarationPage(villageName: "岚川县东坪镇石门村", difficulties: Self.difficulties, verifyDays: 7)
        let again = page.renderForm(problem: "身份证号不正确，请核对（可不填）。")
        #expect(again.contains("身份证号不正确") && !again.contains("value=\"张") && !again.contains("138"))
        let receipt = page.renderReceipt("SB20260703-7K3Q9D")
        #expect(receipt.contains("SB20260703-7K3Q9D") && receipt.contains("7天内") && !receipt.contains("张三"))
    }

    @Test("poster tokens: fixed per village, 22 characters, found among villages, not under another secret")
    func posterTokens() throws {
        let signer = try ActionLinkSigner(secrets: [Data(repeating: 7, count: 32)])
        let other = try ActionLinkSigner(secrets: [Data(repeating: 8, count: 32)])
        let villages = ["149721101001", "149721101002", "149721203201"]
        let token = signer.posterToken(village: villages[1])
        #expect(token.count == ActionLinkSigner.posterTokenLength && token == signer.posterToken(village: villages[1]))
        #expect(token != signer.posterToken(village: villages[0]))
        #expect(signer.posterVillage(token, among: villages) == villages[1])
        #expect(other.posterVillage(token, among: villages) == nil)
        #expect(signer.posterVillage(String(token.dropLast()) + (token.hasSuffix("A") ? "B" : "A"), among: villages) == nil)
        let rotated = try ActionLinkSigner(secrets: [Data(repeating: 8, count: 32), Data(repeating: 7, count: 32)])
        #expect(rotated.posterVillage(token, among: villages) == villages[1], "an old poster works until its secret is dropped")
    }
}
