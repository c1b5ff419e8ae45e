import DixianCore
import DixianDispatch
import DixianNotify
import DixianPlugins
import Foundation

/// Shared inputs of the rendering tests: the shipped plugins and facts that use every catalogue name.
enum RenderingFixtures {
    /// The repository root, found from this file's path (Tests/DixianDispatchTests/Rendering/…).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The shipped plugins, loaded once.
    static let plugins: [Plugin] = {
        do {
            return try PluginLoader.load(pluginsDirectory: repositoryRoot + "/plugins", overridesDirectory: nil).plugins
        } catch {
            fatalError("shipped plugins do not load: \(error)")
        }
    }()

    static let renderer: MessageRenderer = {
        do {
            return try MessageRenderer(plugins: plugins)
        } catch {
            fatalError("shipped templates do not compile: \(error)")
        }
    }()

    /// A raw householder ID number that must never appear in output.
    static let rawID = "11010119900307123X"
    static let rawName = "欧阳娜娜"

    static let office = ReminderFacts.Office(name: "XX县巩固衔接领导小组办公室", phone: "0791-1234567", email: "dixian@xx.gov.cn")

    static func date(_ text: String) -> CalendarDate {
        CalendarDate(parsing: text)!
    }

    /// Facts about `duty` of `plugin`: due `due` at 18:00, rendered on `today`, with every optional part
    /// filled in (escalation only for `kind == .escalation`).
    static func facts(
        _ plugin: Plugin, _ duty: Duty, kind: ReminderFacts.Kind = .reminder, today: String = "2026-07-28",
        due: String = "2026-07-31", title: String? = nil, description: String? = nil,
        confirm: String? = "https://dixian.example/c/eyJhbGciOiJIUzI1NiJ9.abc",
        view: String? = "https://dixian.example/o/42"
    ) -> ReminderFacts {
        var facts = ReminderFacts(
            kind: kind, plugin: plugin, duty: duty,
            occurrence: .init(
                periodLabel: "2026年7月", dueDate: date(due), dueTime: TimeOfDay(hour: 18, minute: 0)!,
                opensDate: date("2026-07-01"), dueAt: Date(timeIntervalSince1970: Double(date(due).dayNumber) * 86_400)),
            unit: .init(name: "七家镇", fullName: "XX县七家镇", code: "360102101000", levelName: "乡镇"),
            recipient: .init(name: "李明", roleName: "乡镇党委书记"),
            owner: .init(roleName: "村党组织书记", holderNames: ["王强", "赵丽"]),
            escalation: kind == .escalation ? .init(step: 2, isLast: false) : nil,
            event: .init(name: "纳入监测", date: date("2026-07-10")), caseNumber: "JC-2026-0042",
            household: .init(name: rawName, idNumber: rawID),
            links: .init(confirm: confirm, view: view), office: office, today: date(today))
        if let title { facts.duty.title = title }
        if let description { facts.duty.description = description }
        return facts
    }

    /// Every template of the shipped tree with a duty that uses it (the plugin's first duty if none does).
    static var everyTemplate: [(plugin: Plugin, duty: Duty, template: MessageTemplate)] {
        plugins.flatMap { plugin in
            plugin.templates.compactMap { template in
                let user = plugin.duties.first {
                    $0.templates.reminder == template.id || $0.templates.escalation == template.id
                }
                return (user ?? plugin.duties.first).map { (plugin, $0, template) }
            }
        }
    }
}
