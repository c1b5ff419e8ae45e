/// How a role's post is named after the name of its unit (职务称谓), e.g. `党组织书记` after `枣口村`,
/// `党工委书记` after a 街道 and `党委书记` after a 镇.
///
/// Offices write `东关镇党委书记` and `枣口村党组织书记`, never `东关镇乡镇（街道）党委书记`: a role's
/// catalogue name (``Role/name``) covers every unit of its level, a title fits the one unit. A title may
/// hold `{unit}` (the unit's full name, which is then not put in front), `{bureau}` (the holder's bureau,
/// per-sector roles only) and `{sector}` (the plugin's name).
public struct RoleTitle: Sendable, Hashable, Encodable {
    /// The endings of unit names a title may depend on, longest first where one ends another.
    public static let unitEndings = ["社区", "街道", "村", "镇", "乡", "县", "区", "市", "旗", "省"]
    /// The placeholders a title may hold.
    public static let placeholders = ["{unit}", "{bureau}", "{sector}"]

    /// The title for units whose name has no ending of ``byUnitEnding``.
    public var standard: String
    /// Titles by the ending of the unit's name (`街道` → `党工委书记`).
    public var byUnitEnding: [String: String]

    public init(standard: String, byUnitEnding: [String: String] = [:]) {
        self.standard = standard
        self.byUnitEnding = byUnitEnding
    }

    /// The title for a unit named `unitName` (its own name, e.g. `东关街道`).
    public func text(forUnitNamed unitName: String) -> String {
        for ending in Self.unitEndings where unitName.hasSuffix(ending) {
            if let title = byUnitEnding[ending] { return title }
        }
        return standard
    }

    /// `unitFullName` followed by `title` without a repeated level word: `岚川县` and `县巩固衔接领导小组办公室`
    /// give `岚川县巩固衔接领导小组办公室`, `枣口村` and `村党组织书记` give `枣口村党组织书记`. `X长` keeps
    /// its level word (`东关镇镇长`, `岚川县县长`), as offices write it. A title that already starts with the
    /// unit's full name (a bureau named `岚川县水利局`) is not prefixed again.
    public static func join(unitFullName: String, title: String) -> String {
        guard !unitFullName.isEmpty, !title.hasPrefix(unitFullName) else { return title }
        for ending in unitEndings where unitFullName.hasSuffix(ending) && title.hasPrefix(ending) {
            guard title != ending + "长" else { break }
            return unitFullName + title.dropFirst(ending.count)
        }
        return unitFullName + title
    }
}

extension RoleTitle {
    /// `text` with each placeholder of `values` replaced by its value, other braces kept; `usedUnit` tells
    /// whether `{unit}` was among them (the unit's name is then not put in front).
    static func filling(_ text: String, _ values: [String: String]) -> (text: String, usedUnit: Bool) {
        var result = ""
        var usedUnit = false
        var rest = Substring(text)
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")) {
            result += rest[..<open]
            let tail = rest[open...]
            guard let (placeholder, value) = values.first(where: { tail.utf8.starts(with: $0.key.utf8) }) else {
                result += "{"
                rest = Substring(tail.unicodeScalars.dropFirst())
                continue
            }
            usedUnit = usedUnit || placeholder == "{unit}"
            result += value
            // By scalars, not characters: a combining mark after a brace belongs to the text that follows.
            rest = Substring(tail.unicodeScalars.dropFirst(placeholder.unicodeScalars.count))
        }
        return (result + rest, usedUnit)
    }

    private enum CodingKeys: String, CodingKey {
        case standard = "default"
        case byUnitEnding = "by_unit_ending"
    }
}

extension Role {
    /// The holder's post at a unit, as a message names it: `岚川县东关镇枣口村党组织书记`,
    /// `岚川县教育和体育局巩固衔接工作联络员`.
    ///
    /// - Parameters:
    ///   - unitFullName: the unit's full name from the county down (`岚川县东关镇枣口村`).
    ///   - unitName: the unit's own name (`枣口村`), which picks a title by its ending.
    ///   - bureau: the holders' bureau (`岚川县水利局`) or, when the directory names none, the plugin's lead unit.
    ///   - sector: the plugin's name (`饮水安全保障`).
    public func postName(unitFullName: String, unitName: String, bureau: String?, sector: String?) -> String {
        let text = title?.text(forUnitNamed: unitName) ?? name
        // Every message names its owner's post, and Foundation's replacing was a twentieth of the dispatcher's
        // time: the placeholders are filled in one pass over the bytes, and not at all when there are none.
        guard text.utf8.contains(UInt8(ascii: "{")) else { return RoleTitle.join(unitFullName: unitFullName, title: text) }
        let filled = RoleTitle.filling(text, ["{bureau}": bureau ?? "", "{sector}": sector ?? "", "{unit}": unitFullName])
        if filled.usedUnit { return filled.text }
        return RoleTitle.join(unitFullName: unitFullName, title: filled.text)
    }
}
