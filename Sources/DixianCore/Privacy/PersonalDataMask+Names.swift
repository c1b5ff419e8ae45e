extension PersonalDataMask {
    /// Common two-character surnames (复姓), kept whole when masking a name.
    ///
    /// A short list is enough: a wrong guess only shows one more or one fewer character of the surname.
    public static let compoundSurnames: Set<String> = [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "司空",
        "夏侯", "轩辕", "令狐", "钟离", "端木", "南宫", "西门", "独孤", "呼延", "申屠", "太史", "澹台", "公冶",
        "濮阳", "淳于", "单于", "万俟", "闻人", "东郭", "百里", "第五", "左丘", "拓跋", "赫连", "完颜",
    ]

    /// A person's name with everything but the surname replaced by one `*` per character:
    /// `张三` → `张*`, `欧阳娜娜` → `欧阳**`, `阿依古丽·买买提` → `阿******·***` (separators stay).
    ///
    /// A one-character value is returned as it is; a two-character name always has a one-character
    /// surname (`欧阳` alone is read as 欧 + 阳).
    public static func maskName(_ name: String) -> String {
        let characters = Array(trimmed(name))
        guard characters.count > 1 else { return String(characters) }
        let surnameLength =
            characters.count > 2 && compoundSurnames.contains(String(characters[0..<2])) ? 2 : 1
        var result = String(characters[0..<surnameLength])
        for character in characters[surnameLength...] {
            result.append(Self.nameSeparators.contains(character) ? character : "*")
        }
        return result
    }

    /// The middle dots that separate the parts of transliterated names.
    private static let nameSeparators: Set<Character> = ["·", "•", "．", "."]
}
