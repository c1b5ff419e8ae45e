import DixianCore
import Foundation
import Testing

@testable import DixianLinks

@Suite("Procedure forms behind signed links: parsing")
struct ProcedureFormTests {
    @Test("known fields kept, check boxes repeat, anything else repeated is refused, line breaks normalised")
    func fields() throws {
        let body = Array("outcome=risk_confirmed&risk=illness&risk=schooling&evil=1&reason=a%0D%0Ab%00c".utf8)
        let form = try ProcedureForm.parse(body, allowed: ["outcome", "risk", "reason"], multiple: ["risk"])
        #expect(form.value("outcome") == "risk_confirmed" && form.all("risk") == ["illness", "schooling"])
        #expect(form.value("reason") == "a\nbc" && form.value("evil") == nil)
        #expect(throws: ConfirmationFormError.self) {
            try ProcedureForm.parse(Array("outcome=a&outcome=b".utf8), allowed: ["outcome"])
        }
        #expect(throws: ConfirmationFormError.self) {
            try ProcedureForm.parse(Array(("plan=" + String(repeating: "x", count: 2001)).utf8), allowed: ["plan"])
        }
    }

    @Test("property: random bodies parse to clean values within limits or are refused (2,000 cases)")
    func randomBodies() {
        var random = SeededRandom(seed: 0xF0E1)
        let pieces = ["outcome=", "risk=", "plan=", "&", "=", "%", "%0D", "%0A", "%00", "%E5%9B%A0", "%FF", "+", "a", "risk=illness&"]
        for _ in 0..<2000 {
            let body = (0..<random.below(20)).map { _ in random.pick(pieces) }.joined()
            guard let form = try? ProcedureForm.parse(Array(body.utf8), allowed: ["outcome", "risk", "plan"], multiple: ["risk"]) else { continue }
            for (name, values) in form.values {
                #expect(["outcome", "risk", "plan"].contains(name))
                #expect(name == "risk" || values.count == 1)
                for value in values {
                    #expect(value.count <= ProcedureForm.maximumFieldLength)
                    #expect(!value.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" })
                    #expect(value == value.trimmingCharacters(in: .whitespacesAndNewlines))
                }
            }
        }
    }
}
