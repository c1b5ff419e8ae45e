import DixianCore
import Testing

@Suite("PersonalDataMask")
struct PersonalDataMaskTests {
    @Test("masks an 18-character ID number as first four, ten asterisks, last four")
    func eighteen() {
        #expect(PersonalDataMask.maskingIDNumbers(in: "11010119900307123X") == "1101**********123X")
        #expect(PersonalDataMask.maskingIDNumbers(in: "11010119900307123x") == "1101**********123x")
        #expect(
            PersonalDataMask.maskingIDNumbers(in: "户主张三，身份证号110101199003071234，已纳入监测。")
                == "户主张三，身份证号1101**********1234，已纳入监测。")
    }

    @Test("masks an old 15-digit ID number")
    func fifteen() {
        #expect(PersonalDataMask.maskingIDNumbers(in: "旧证号：110101900307123。") == "旧证号：1101*******7123。")
    }

    @Test("masks several ID numbers and leaves the text between them alone")
    func several() {
        let text = "a 110101199003071234, b 11010119900307123X; c=110101900307123"
        #expect(
            PersonalDataMask.maskingIDNumbers(in: text)
                == "a 1101**********1234, b 1101**********123X; c=1101*******7123")
    }

    @Test("leaves digit runs of other lengths alone, also longer ones containing an ID")
    func otherRuns() {
        for text in [
            "编码 360102001001", "电话 13800138000", "1101011990030712345", "17 digits 11010119900307123",
            "16 digits 1101011990030712", "2026年7月31日 18:00", "",
        ] {
            #expect(PersonalDataMask.maskingIDNumbers(in: text) == text)
        }
    }

    @Test("an ID number at the very start and end of the text")
    func edges() {
        #expect(PersonalDataMask.maskingIDNumbers(in: "110101199003071234") == "1101**********1234")
        #expect(PersonalDataMask.maskingIDNumbers(in: "号110101199003071234") == "号1101**********1234")
    }

    @Test("masks a value known to be an ID number, whatever its shape")
    func wholeValue() {
        #expect(PersonalDataMask.maskIDNumber("11010119900307123X") == "1101**********123X")
        #expect(PersonalDataMask.maskIDNumber(" 110101900307123 ") == "1101*******7123")
        #expect(PersonalDataMask.maskIDNumber("12345678") == "********")
        #expect(PersonalDataMask.maskIDNumber("") == "")
    }

    @Test("keeps the surname of a name, compound surnames whole")
    func names() {
        #expect(PersonalDataMask.maskName("张三") == "张*")
        #expect(PersonalDataMask.maskName("王小明") == "王**")
        #expect(PersonalDataMask.maskName("欧阳娜娜") == "欧阳**")
        #expect(PersonalDataMask.maskName("司马光") == "司马*")
        #expect(PersonalDataMask.maskName("欧阳") == "欧*")
        #expect(PersonalDataMask.maskName("阿依古丽·买买提") == "阿***·***")
        #expect(PersonalDataMask.maskName(" 李四 ") == "李*")
        #expect(PersonalDataMask.maskName("张") == "张")
        #expect(PersonalDataMask.maskName("") == "")
    }
}
