/// Small counts in Chinese numerals (中文数字), as 公文 write them: `二次督办`, `第十二次`.
public enum ChineseNumeral {
    private static let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// `n` for 0…99 in Chinese numerals (`10` → `十`, `12` → `十二`, `20` → `二十`); Arabic digits beyond.
    public static func text(_ n: Int) -> String {
        switch n {
        case 0...9: return digits[n]
        case 10...19: return "十" + (n == 10 ? "" : digits[n - 10])
        case 20...99: return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10])
        default: return String(n)
        }
    }
}
