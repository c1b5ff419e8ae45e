import DixianCore
import DixianPlugins
import DixianStore
import Foundation

/// Officials as the pages name them: `李强秀（LC00010）`, or the id alone for one no longer in the directory.
struct OfficialNames {
    var names: [String: String] = [:]

    func callAsFunction(_ id: String) -> String {
        names[id].map { "\($0)（\(id)）" } ?? id
    }
}

/// A stored version in a list.
struct OverrideVersionRow {
    var version: Int
    var state: String
    var by: String
    var at: String
    var comment: String?
    var href: String
    var pending: Bool

    init(_ version: OverrideVersion, base: String, zone: TimeZone, names: OfficialNames) {
        self.version = version.version
        state = version.state.title
        by = names(version.createdBy)
        at = ConsoleRoutes.local(version.createdAt, zone)
        comment = version.comment
        href = "\(base)/versions/\(version.version)"
        pending = version.state == .pending
    }
}

/// 本部门配置: the form of the plugin's parameters, the YAML text, the versions.
struct OverridePageView {
    struct Option {
        var value: String
        var selected: Bool
    }

    struct Field {
        var field: String
        var htmlID: String
        var name: String
        var title: String
        var kind: String
        var range: String?
        var unit: String?
        var description: String
        var value: String
        var errors: [String]
        var hasErrors: Bool
        var isEnum: Bool
        var isDate: Bool
        var options: [Option]
    }

    /// A live replica and the version it runs.
    struct Replica {
        var host: String
        var version: String
        /// Not on the live version (a reload pending or refused there).
        var behind: Bool
    }

    /// One text field of a duty.
    struct DutyField {
        var field: String
        var htmlID: String
        var label: String
        var hint: String
        var value: String
        var errors: [String]
        var hasErrors: Bool
    }

    /// A duty's settings the form edits.
    struct DutySettings {
        var title: String
        var id: String
        var enabledField: String
        var enabledID: String
        var isEnabled: Bool
        var enabledErrors: [String]
        var fields: [DutyField]
        /// Open when one of its fields has an error (a `<details>` element, closed otherwise).
        var open: Bool
    }

    var name: String
    var id: String
    var base: String
    var csrf: String
    var replicas: [Replica] = []
    var duties: [DutySettings] = []
    var managedFile: String?
    var editable: Bool
    var running: String?
    var live: String?
    var notice: String?
    var problems: [String]
    var hasProblems: Bool
    var formAvailable: Bool
    var hasFields: Bool
    var fields: [Field]
    var text: String
    var pending: [OverrideVersionRow]
    var versions: [OverrideVersionRow]
    var hasVersions: Bool
    var choices: [Option]

    init(
        context: ConsoleRoutes.OverrideContext, zone: TimeZone, history: [OverrideVersion], names: OfficialNames, live: OverrideVersion?,
        fields: [String: String]?, text: String?, problems: [String], fieldErrors: [String: [String]], notice: String?, formAvailable: Bool
    ) {
        let plugin = context.plugin
        (name, id, base, csrf) = (plugin.name, plugin.id, context.base, context.user.csrf)
        managedFile = plugin.overrideFile
        editable = plugin.overrideFile == nil
        running = plugin.overrideVersion.map { "第 \($0) 版" }
        self.live = live.map { "第 \($0.version) 版（\(names($0.createdBy)) 提交，\(names($0.decidedBy ?? "")) 审批）" }
        self.notice = notice
        (self.problems, hasProblems) = (problems, !problems.isEmpty)
        self.formAvailable = formAvailable
        self.fields = plugin.parameters.map { parameter in
            let field = OverrideForm.field(parameter)
            let kind = parameter.itemKind ?? parameter.kind
            let bounds = [parameter.minimum, parameter.maximum].map { $0?.formatted(as: kind) ?? "" }
            let value = fields?[field] ?? OverrideForm.formValue(parameter.value, parameter)
            let errors = fieldErrors[field] ?? []
            return Field(
                field: field, htmlID: "p-" + parameter.name, name: parameter.name, title: parameter.title,
                kind: Self.kindTitle(parameter), range: bounds == ["", ""] ? nil : bounds.joined(separator: " 至 "), unit: parameter.unit,
                description: parameter.description, value: value, errors: errors, hasErrors: !errors.isEmpty,
                isEnum: parameter.kind == .enum, isDate: parameter.kind == .date,
                options: (parameter.allowedValues ?? []).map { Option(value: $0, selected: $0 == value) })
        }
        hasFields = !self.fields.isEmpty || !plugin.duties.isEmpty
        duties = plugin.duties.map { duty in Self.settings(of: duty, fields: fields, errors: fieldErrors) }
        self.text = text ?? live?.body ?? "format_version: 1\n"
        let rows = history.map { OverrideVersionRow($0, base: context.base, zone: zone, names: names) }
        (pending, versions, hasVersions) = (rows.filter(\.pending), rows, !rows.isEmpty)
        choices = [Option(value: "0", selected: false)] + rows.map { Option(value: String($0.version), selected: false) }
    }

    static let dutyHints: [OverrideForm.DutyKey: (label: String, hint: String)] = [
        .reminders: ("提醒时间", "相对截止日，逗号分隔，如 -3d@09:00（截止前 3 天 9 点）、0d、-1wd（前一个工作日）"),
        .channels: ("渠道", "逗号分隔，如 email, chat"),
        .alsoNotify: ("另行提醒的角色", "角色 id，逗号分隔，须为责任人同级或上级角色；留空为不另行提醒"),
    ]

    /// A duty's fields, from the form as sent (after an error) or the running values.
    static func settings(of duty: Duty, fields: [String: String]?, errors: [String: [String]]) -> DutySettings {
        let enabledField = OverrideForm.field(duty, .enabled)
        let enabled = fields?[enabledField] ?? OverrideForm.DutyKey.enabled.value(of: duty)
        let texts = [OverrideForm.DutyKey.reminders, .channels, .alsoNotify].map { key in
            let field = OverrideForm.field(duty, key)
            let fieldErrors = errors[field] ?? []
            return DutyField(
                field: field, htmlID: field.replacingOccurrences(of: ".", with: "-"), label: dutyHints[key]?.label ?? key.rawValue,
                hint: dutyHints[key]?.hint ?? "", value: fields?[field] ?? key.value(of: duty), errors: fieldErrors, hasErrors: !fieldErrors.isEmpty)
        }
        let enabledErrors = errors[enabledField] ?? []
        return DutySettings(
            title: duty.title, id: duty.id, enabledField: enabledField, enabledID: enabledField.replacingOccurrences(of: ".", with: "-"),
            isEnabled: enabled == "true",
            enabledErrors: enabledErrors, fields: texts, open: !enabledErrors.isEmpty || texts.contains(where: \.hasErrors))
    }

    /// A parameter's type in words, e.g. 列表（日期）.
    static func kindTitle(_ parameter: Parameter) -> String {
        let titles: [Parameter.Kind: String] = [
            .integer: "整数", .money: "金额（元）", .days: "天数", .percent: "百分数", .date: "日期（年-月-日）", .text: "文本", .enum: "选项",
            .list: "列表",
        ]
        let title = titles[parameter.kind] ?? parameter.kind.rawValue
        guard parameter.kind == .list, let item = parameter.itemKind else { return title }
        return title + "（" + (titles[item] ?? item.rawValue) + "，用逗号分隔）"
    }
}

/// The preview before saving.
struct OverrideReviewView {
    var name: String
    var base: String
    var csrf: String
    var text: String
    var review: OverrideReview

    init(context: ConsoleRoutes.OverrideContext, text: String, review: OverrideReview) {
        (name, base, csrf) = (context.plugin.name, context.base, context.user.csrf)
        self.text = text
        self.review = review
    }
}

/// One version, with its review while pending.
struct OverrideVersionView {
    var name: String
    var base: String
    var csrf: String
    var version: Int
    var state: String
    var facts: [Fact]
    var text: String
    var review: OverrideReview?
    var problems: [String]
    var notice: String?
    var problem: String?
    var canDecide: Bool
    var ownVersion: Bool
    var canRestore: Bool
    var editable: Bool

    struct Fact {
        var label: String
        var value: String
    }

    init(
        context: ConsoleRoutes.OverrideContext, version: OverrideVersion, names: OfficialNames, live: OverrideVersion?, review: OverrideReview?,
        problems: [String], notice: String?, problem: String?
    ) {
        (name, base, csrf) = (context.plugin.name, context.base, context.user.csrf)
        self.version = version.version
        state = version.state.title
        var facts: [(String, String)] = [
            ("状态", version.state.title), ("提交人", names(version.createdBy)),
            ("提交方式", ["console": "工作台", "cli": "命令行", "http": "接口"][version.createdChannel] ?? version.createdChannel),
        ]
        if let decidedBy = version.decidedBy { facts.append(("审批人", names(decidedBy))) }
        if let comment = version.comment { facts.append(("审批意见", comment)) }
        if let live, live.version != version.version { facts.append(("现行版本", "第 \(live.version) 版")) }
        self.facts = facts.map { Fact(label: $0.0, value: $0.1) }
        text = version.body
        self.review = review
        self.problems = problems
        (self.notice, self.problem) = (notice, problem)
        editable = context.plugin.overrideFile == nil
        ownVersion = context.visitor.officials.contains { $0.id == version.createdBy }
        canDecide = version.state == .pending && context.visitor.overrideDecider != nil && !ownVersion && editable && problems.isEmpty
        canRestore = version.state != .pending && version.state != .approved && editable
    }
}

/// Two versions compared.
struct OverrideCompareView {
    var name: String
    var base: String
    var from: String
    var to: String
    var diff: [OverrideReview.DiffLine]
}
