import DixianCore

extension OfficialRowValidator {
    struct Contacts {
        var email: String?
        var mobile: String?
        var chatIDs = ChatIDs()
    }

    func roles(_ record: CSVRecord, _ issues: inout [DirectoryIssue]) -> [DirectoryRole] {
        guard let text = self.header.cell("roles", record) else {
            issues.append(self.header.issue("roles", record, .missingValue, "角色为空:每人至少一个角色 (no role)"))
            return []
        }
        let tokens = text.split(whereSeparator: { Self.roleSeparators.contains($0) })
            .map { String($0).trimmingDirectorySpace() }.filter { !$0.isEmpty }
        var found: [DirectoryRole] = []
        var unknown: [String] = []
        for token in tokens {
            if let role = self.roles.role(named: token) { found.append(role) } else { unknown.append(token) }
        }
        if !unknown.isEmpty {
            let hint = unknown.count == 1
                ? Diagnostic.nearest(to: unknown[0], in: self.roles.ids).map { ";是不是 '\($0)'? (did you mean)" } ?? ""
                : ""
            issues.append(self.header.issue(
                "roles", record, .unknownRole,
                "未知的角色 \(unknown.map { "'\($0)'" }.joined(separator: "、"))\(hint);角色须是插件声明的角色 id 或中文名 (unknown role)"
            ))
        }
        if tokens.isEmpty {
            issues.append(self.header.issue("roles", record, .missingValue, "角色为空:每人至少一个角色 (no role)"))
        }
        return found
    }

    func checkLevels(_ record: CSVRecord, _ roles: [DirectoryRole], _ unit: DivisionCode, _ issues: inout [DirectoryIssue]) {
        for role in roles {
            guard let level = role.level, level != unit.level else { continue }
            issues.append(self.header.issue(
                "org_code", record, .roleLevel,
                "角色 \(role.name ?? role.id) (\(role.id)) 应设在\(level.chineseName)级单位,而 \(unit) 是\(unit.level.chineseName)级 "
                    + "(role is held at \(level.rawValue) level)"
            ))
        }
    }

    func sector(_ record: CSVRecord, _ roles: [DirectoryRole], _ issues: inout [DirectoryIssue]) -> String? {
        guard let text = self.header.cell("sector", record) else {
            if let role = roles.first(where: \.perSector) {
                issues.append(self.header.issue(
                    "sector", record, .sectorRequired,
                    "角色 \(role.id) 按行业区分,须填写 行业 (sector required for per-sector role)"
                ))
            }
            return nil
        }
        guard let sector = self.roles.sector(named: text) else {
            let known = self.roles.sectors.map { "可用: " + $0.sorted().joined(separator: ", ") } ?? "应为插件 id,如 education"
            issues.append(self.header.issue("sector", record, .unknownSector, "未知的行业 '\(text)';\(known) (unknown sector)"))
            return nil
        }
        return sector
    }

    func contacts(_ record: CSVRecord, _ issues: inout [DirectoryIssue]) -> Contacts {
        var contacts = Contacts()
        if let text = self.header.cell("email", record) {
            contacts.email = ContactSyntax.email(text)
            if contacts.email == nil {
                issues.append(self.header.issue("email", record, .invalidEmail, "邮箱 '\(text)' 格式无效 (invalid e-mail address)"))
            }
        }
        if let text = self.header.cell("mobile", record) {
            contacts.mobile = ContactSyntax.mobile(text)
            if contacts.mobile == nil {
                issues.append(self.header.issue(
                    "mobile", record, .invalidMobile, "手机 '\(text)' 无效:应为以 1 开头的 11 位数字 (invalid mobile number)"
                ))
            }
        }
        for (field, label) in [("wecom", "企业微信"), ("dingtalk", "钉钉"), ("feishu", "飞书")] {
            guard let text = self.header.cell(field, record) else { continue }
            guard let id = ContactSyntax.chatID(text) else {
                issues.append(self.header.issue(field, record, .invalidValue, "\(label)账号 '\(text)' 无效:不能含空白,最长 128 字 (invalid chat id)"))
                continue
            }
            switch field {
            case "wecom": contacts.chatIDs.wecom = id
            case "dingtalk": contacts.chatIDs.dingtalk = id
            default: contacts.chatIDs.feishu = id
            }
        }
        return contacts
    }

    /// 在岗: empty means active.
    func active(_ record: CSVRecord, _ issues: inout [DirectoryIssue]) -> Bool? {
        guard let text = self.header.cell("active", record) else { return true }
        switch text.lowercased() {
        case "是", "在岗", "在职", "启用", "true", "yes", "y", "1": return true
        case "否", "离岗", "离职", "停用", "false", "no", "n", "0": return false
        default:
            issues.append(self.header.issue("active", record, .invalidValue, "在岗 '\(text)' 无效:应为 是/否 (expected yes/no)"))
            return nil
        }
    }
}
