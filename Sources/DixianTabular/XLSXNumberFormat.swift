/// Whether a cell's number format shows a date, so that its serial number is read as one.
///
/// Built-in formats are known by id (ECMA-376 §18.8.30, plus the ids Chinese, Japanese and Korean Excel assign to
/// their local date formats); a custom format is a date when, outside literals, brackets and escapes, it has a
/// year or day, or a month that is not minutes. Time-only formats (`h:mm`, `[h]:mm:ss`, `h"时"mm"分"`) are not
/// dates: their cells stay numbers.
enum XLSXNumberFormat {
    /// Built-in ids of date formats: 14–17 and 22 everywhere, 27–31, 36, 50–54, 57 and 58 in CJK locales
    /// (`yyyy"年"m"月"d"日"` is 31). 18–21, 32–35, 45–47, 55 and 56 are times.
    static let builtinDateIDs: Set<Int> = [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]

    static func isDate(id: Int, code: String?) -> Bool {
        if let code { return self.isDate(code: code) }
        return self.builtinDateIDs.contains(id)
    }

    static func isDate(code: String) -> Bool {
        var letters: [Character] = []
        var inQuote = false
        var inBracket = false
        var skipNext = false
        for character in code {
            if skipNext {
                skipNext = false
                continue
            }
            if inQuote {
                if character == "\"" { inQuote = false }
                continue
            }
            if inBracket {
                if character == "]" { inBracket = false }
                continue
            }
            switch character {
            case "\"": inQuote = true
            case "[": inBracket = true
            // `\x` is a literal x; `_x` pads with x's width, `*x` repeats x.
            case "\\", "_", "*": skipNext = true
            default: letters.append(Character(character.lowercased()))
            }
        }
        if letters.contains("y") || letters.contains("d") { return true }
        // `m` is a month unless hours or seconds are shown too (`h:mm`, `mm:ss`).
        return letters.contains("m") && !letters.contains("h") && !letters.contains("s")
    }
}
