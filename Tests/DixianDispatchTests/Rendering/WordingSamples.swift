import DixianCore
import DixianDirectory
import DixianDispatch
import DixianNotify
import DixianPlugins
import Foundation

/// One message of one shipped duty, rendered for a real unit of the demo county, as the composer would.
struct WordingSample {
    let pluginID: String
    let dutyID: String
    let kind: ReminderFacts.Kind
    let unitName: String
    /// The names of the unit and the units above it, none of which may appear twice in a row.
    let unitNames: [String]
    let content: RenderedContent

    var label: String { "\(pluginID).\(dutyID) (\(kind), \(unitName))" }

    /// The sample as its golden file shows it.
    var goldenText: String {
        "=== \(pluginID).\(dutyID) · \(kind.rawValue) · \(unitName)\n主题：\(content.subject)\n\(content.text)群聊：\(content.chat)\n"
    }
}

enum WordingSamples {
    /// The demo county staffed for the shipped plugins' roles.
    static let snapshot: DixianDispatch.DirectorySnapshot = {
        let plugins = RenderingFixtures.plugins
        let roles = RoleCatalogue(
            roles: plugins.flatMap(\.roles).map {
                DirectoryRole(id: $0.id, name: $0.name, level: OrgLevel(rawValue: $0.level.rawValue), perSector: $0.isPerSector)
            },
            sectors: Set(plugins.map(\.id)))
        let county = DemoCounty.generate(roles: roles)
        return DixianDispatch.DirectorySnapshot(units: county.units, officials: county.officials)
    }()

    static let today = CalendarDate(year: 2026, month: 7, day: 28)!
    static let overdueDay = CalendarDate(year: 2026, month: 8, day: 5)!
    static let due = CalendarDate(year: 2026, month: 7, day: 31)!

    /// A reminder and an escalation (when the duty has a ladder) of every duty of every shipped plugin.
    static func all() throws -> [WordingSample] {
        var samples: [WordingSample] = []
        let roles = Dictionary(RenderingFixtures.plugins.flatMap(\.roles).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for plugin in RenderingFixtures.plugins {
            for (index, duty) in plugin.duties.enumerated() {
                guard let role = roles[duty.owner.role], let unit = unit(for: role, duty: duty, alternate: index % 2 == 1) else {
                    continue
                }
                samples.append(try sample(plugin, duty, role: role, unit: unit, kind: .reminder, roles: roles))
                if !duty.escalation.isEmpty {
                    samples.append(try sample(plugin, duty, role: role, unit: unit, kind: .escalation, roles: roles))
                }
            }
        }
        return samples
    }

    /// The first unit of the role's level where it has holders: a 村 or 镇 first, or for `alternate`
    /// a 社区 or 街道 when there is one, so that level-aware titles show in the golden files.
    static func unit(for role: Role, duty: Duty, alternate: Bool) -> OrgUnit? {
        let candidates = snapshot.units.values
            .filter { $0.level.rawValue == role.level.rawValue }
            .filter { role.binding == .household || !snapshot.holders(of: role, at: $0.code, sector: duty.pluginID).isEmpty }
            .filter { snapshot.index.admits($0.code, duty.units) }
            .sorted { $0.code.rawValue < $1.code.rawValue }
        let urban = candidates.first { $0.name.hasSuffix("社区") || $0.name.hasSuffix("街道") }
        return alternate ? urban ?? candidates.first : candidates.first { !($0.name.hasSuffix("社区") || $0.name.hasSuffix("街道")) } ?? candidates.first
    }

    static func sample(
        _ plugin: Plugin, _ duty: Duty, role: Role, unit: OrgUnit, kind: ReminderFacts.Kind, roles: [String: Role]
    ) throws -> WordingSample {
        let holders = snapshot.holders(of: role, at: unit.code, sector: duty.pluginID)
        let step = kind == .escalation ? min(2, duty.escalation.count) : 0
        let stepRole = step > 0 ? duty.escalation[step - 1].roles.first.flatMap { roles[$0] } : nil
        let recipientRole = stepRole ?? role
        let recipient = snapshot.holders(of: recipientRole, at: unit.code, sector: duty.pluginID).first ?? holders.first
        let isEvent: Bool
        if case .afterEvent = duty.recurrence { isEvent = true } else { isEvent = false }
        var facts = ReminderFacts(
            kind: kind, plugin: plugin, duty: duty,
            occurrence: .init(
                periodLabel: "2026年7月", dueDate: due, dueTime: duty.dueTime, opensDate: CalendarDate(year: 2026, month: 7, day: 1)!,
                dueAt: Date(timeIntervalSince1970: Double(due.dayNumber) * 86_400)),
            unit: .init(name: unit.name, fullName: snapshot.fullName(of: unit.code), code: unit.code.rawValue, levelName: unit.level.chineseName),
            recipient: recipient.map { .init(name: $0.name, roleName: recipientRole.name) },
            owner: .init(
                roleName: role.name, holderNames: holders.map(\.name),
                title: snapshot.postName(of: role, at: unit.code, holders: holders, plugin: plugin)),
            escalation: step > 0
                ? .init(step: step, isLast: step == duty.escalation.count, onBehalfOf: stepRole?.onBehalfOf.flatMap { roles[$0]?.name })
                : nil,
            event: isEvent ? .init(name: "纳入监测", date: CalendarDate(year: 2026, month: 7, day: 21)!) : nil,
            caseNumber: isEvent ? "JC-2026-0042" : nil,
            household: isEvent ? .init(name: RenderingFixtures.rawName, idNumber: RenderingFixtures.rawID) : nil,
            links: .init(confirm: "https://dixian.example/c/TOKEN", view: "https://dixian.example/o/42"),
            office: .init(name: "岚川县巩固衔接领导小组办公室", phone: "0358-1234567"),
            today: kind == .escalation ? overdueDay : today)
        facts.basis = duty.basis
        let content = try RenderingFixtures.renderer.render(for: duty, facts: facts)
        var names: [String] = []
        var current: DivisionCode? = unit.code
        while let code = current, let known = snapshot.units[code] {
            names.append(known.name)
            current = known.parentCode
        }
        return WordingSample(
            pluginID: plugin.id, dutyID: duty.id, kind: kind, unitName: unit.name, unitNames: names, content: content)
    }
}
