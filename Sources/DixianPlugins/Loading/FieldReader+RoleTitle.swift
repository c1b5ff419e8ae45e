import DixianCore
import DixianYAML

extension FieldReader {
    /// A role's `title`: a string, or a mapping of `default` and unit-name endings (`街道: 党工委书记`).
    ///
    /// Placeholders are checked here: `{bureau}` only in per-sector roles, whose holders have a bureau.
    func roleTitle(_ value: YAMLValue?, perSector: Bool) -> RoleTitle? {
        guard let value else { return nil }
        if value.kind != .mapping {
            guard let text = self.titleText(value, perSector: perSector) else { return nil }
            return RoleTitle(standard: text)
        }
        guard var reader = value.mapping() else { return nil }
        var standard: String?
        var byEnding: [String: String] = [:]
        for entry in reader.readAllEntries() {
            let text = self.titleText(entry.value, perSector: perSector)
            if entry.key == "default" {
                standard = text
            } else if RoleTitle.unitEndings.contains(entry.key) {
                if let text { byEnding[entry.key] = text }
            } else {
                error(
                    "未知的单位名称结尾 '\(entry.key)' (unknown unit-name ending)", at: entry.keyLocation,
                    hint: "可用 / allowed: default、" + RoleTitle.unitEndings.joined(separator: "、"))
            }
        }
        guard let standard else {
            value.error("称谓须有 default (a title mapping needs a default)", hint: "例如 / e.g. {default: 党委书记, 街道: 党工委书记}")
            return nil
        }
        return RoleTitle(standard: standard, byUnitEnding: byEnding)
    }

    private func titleText(_ value: YAMLValue, perSector: Bool) -> String? {
        guard let text = self.text(value)?.value else { return nil }
        var rest = text
        for placeholder in RoleTitle.placeholders { rest = rest.replacingOccurrences(of: placeholder, with: "") }
        if rest.contains("{") || rest.contains("}") {
            value.error(
                "称谓中有未知的占位符 (unknown placeholder in a title): \(text)",
                hint: "可用 / allowed: " + RoleTitle.placeholders.joined(separator: " "))
            return nil
        }
        if text.contains("{bureau}"), !perSector {
            value.error(
                "只有按行业区分的角色能用 {bureau} ({bureau} needs a per-sector role)",
                hint: "其他角色的任职人没有行业部门 / holders of other roles have no bureau")
            return nil
        }
        return text
    }
}
