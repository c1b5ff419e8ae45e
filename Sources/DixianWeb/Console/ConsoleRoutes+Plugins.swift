import DixianPlugins
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// `GET /console/plugins` (插件): every plugin of the running set, read-only. Plugins are configuration, not
    /// personal data: every signed-in official may read what their sector's rules are.
    func plugins(_ request: Request) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let view = PluginListView(plugins: settings().plugins.plugins.map { plugin in
            PluginListView.Item(
                id: plugin.id, name: plugin.name, version: plugin.version, enabled: plugin.isEnabled,
                duties: plugin.duties.count, rules: plugin.rules.count, overridden: plugin.overrideFile != nil || plugin.overrideVersion != nil)
        })
        let html = renderer.page(title: "插件", user: user(visitor, current: Self.pluginsRoute.path), template: "plugins", view: view)
        return ConsoleResponse.page(.ok, html)
    }

    /// `GET /console/plugins/ID`: a plugin's parameters (with bureau overrides marked), duties and screening rules.
    func plugin(_ request: Request, id: String) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.pluginsRoute.path)
        let set = settings().plugins
        guard let plugin = set.plugin(id: id) else { return notFound(user) }
        var view = PluginView(plugin, roles: set)
        view.mayConfigure = overrides != nil && visitor.overrideWriter(of: plugin.id) != nil
        let html = renderer.page(title: "插件 · \(plugin.name)", user: user, template: "plugin", view: view)
        return ConsoleResponse.page(.ok, html)
    }

    /// `GET /console/plugins/ID/preview`: next month's reminders of the plugin's duties, planned in memory under
    /// the running configuration, for the units the person sees in the plugin's sector and for themselves.
    func pluginPreview(_ request: Request, id: String) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.pluginsRoute.path)
        guard let plugin = settings().plugins.plugin(id: id), let documents = try documents?() else { return notFound(user) }
        let (first, last) = ReminderPreview.nextMonth(after: documents.today)
        let scope = visitor.scope
        let preview = try await documents.reminderPreview(plugin: plugin.id, from: first, through: last) { unit, recipient in
            scope.sees(sector: plugin.id, at: unit) || scope.officialIDs.contains(recipient)
        }
        let view = PluginPreviewView(plugin: plugin, preview: preview)
        let html = renderer.page(title: "插件 · \(plugin.name) · 提醒预览", user: user, template: "plugin-preview", view: view)
        return ConsoleResponse.page(.ok, html)
    }
}

struct PluginPreviewView {
    /// The page lists the earliest messages only: a bureau's month countywide runs to thousands.
    static let listed = 100

    struct DutyCount {
        var duty: String
        var count: Int
    }

    var name: String
    var id: String
    var first: String
    var last: String
    var warnings: [String]
    var total: Int
    var reminders: Int
    var escalations: Int
    var byDuty: [DutyCount]
    var lines: [ReminderPreview.Line]
    // Stored, not computed: swift-mustache reads a value's stored properties only.
    var hasLines: Bool
    var truncated: Bool
    var shown: Int

    init(plugin: Plugin, preview: ReminderPreview) {
        (name, id, first, last) = (plugin.name, plugin.id, preview.first.chineseDescription, preview.last.chineseDescription)
        warnings = preview.warnings
        total = preview.lines.count
        reminders = preview.lines.filter(\.isReminder).count
        escalations = total - reminders
        let counts = Dictionary(grouping: preview.lines, by: \.duty).mapValues(\.count)
        byDuty = plugin.duties.compactMap { duty in counts[duty.title].map { DutyCount(duty: duty.title, count: $0) } }
        lines = Array(preview.lines.prefix(Self.listed))
        (hasLines, shown, truncated) = (!lines.isEmpty, lines.count, preview.lines.count > Self.listed)
    }
}

struct PluginListView {
    struct Item {
        var id: String
        var name: String
        var version: String
        var enabled: Bool
        var duties: Int
        var rules: Int
        var overridden: Bool
    }

    var plugins: [Item]
}

struct PluginView {
    struct Parameter {
        var title: String
        var name: String
        var value: String
        var defaultValue: String
        var range: String?
        var overridden: Bool
    }

    struct Duty {
        var title: String
        var recurrence: String
        var owner: String
        var enabled: Bool
    }

    struct Rule {
        var title: String
        var condition: String
        var severity: String
        var enabled: Bool
    }

    var name: String
    var id: String
    var description: String
    var overrideFile: String?
    /// The stored override in force (数据库覆盖配置 第 N 版), when no file overrides the plugin.
    var overrideVersion: String?
    var parameters: [Parameter]
    var duties: [Duty]
    var rules: [Rule]
    // Stored, not computed: swift-mustache reads a value's stored properties only (a computed `hasRules` left the
    // 筛查规则 heading out).
    var hasRules = false
    var hasDuties = false
    /// Whether the visitor may open 本部门配置 (the county office, or the sector's bureau contact or head).
    var mayConfigure = false

    init(_ plugin: Plugin, roles: PluginSet) {
        (name, id, description, overrideFile) = (plugin.name, plugin.id, plugin.description, plugin.overrideFile)
        overrideVersion = plugin.overrideVersion.map { "第 \($0) 版" }
        parameters = plugin.parameters.map { parameter in
            let kind = parameter.itemKind ?? parameter.kind
            let bounds = [parameter.minimum, parameter.maximum].map { $0?.formatted(as: kind) ?? "" }
            return Parameter(
                title: parameter.title, name: parameter.name, value: parameter.formattedValue + (parameter.unit ?? ""),
                defaultValue: parameter.defaultValue.formatted(as: kind), range: bounds == ["", ""] ? nil : bounds.joined(separator: "–"),
                overridden: parameter.isOverridden)
        }
        duties = plugin.duties.map { duty in
            Duty(title: duty.title, recurrence: duty.recurrence.description,
                 owner: roles.role(id: duty.owner.role)?.name ?? duty.owner.role, enabled: duty.isEnabled)
        }
        rules = plugin.rules.map { rule in
            Rule(title: rule.title, condition: rule.condition, severity: ["high": "高", "medium": "中", "low": "低"][rule.severity.rawValue] ?? rule.severity.rawValue, enabled: rule.isEnabled)
        }
        (hasRules, hasDuties) = (!rules.isEmpty, !duties.isEmpty)
    }
}
