import Crypto
import DixianCore
import DixianDirectory
import DixianPlugins
import DixianScheduling
import DixianStore
import Foundation

/// What one planning tick plans from, and a fingerprint of it: when the fingerprint equals the last
/// applied one, nothing can have changed and the tick writes nothing.
struct PlanningInputs: Sendable {
    var running: RunningConfiguration
    var now: Date
    var zone: TimeZone
    var horizonEnd: CalendarDate
    var directoryStamp: String

    init(running: RunningConfiguration, now: Date, directoryStamp: String) {
        self.running = running
        self.now = now
        self.zone = running.configuration.zone
        self.horizonEnd = SchedulePlanner.horizonEnd(after: now, zone: zone)
        self.directoryStamp = directoryStamp
    }

    /// The scheduling context the configuration describes.
    var context: ScheduleContext {
        ScheduleContext(calendar: running.calendar, zone: zone, deliveryWindow: running.configuration.schedule.deliveryWindow)
    }

    /// The enabled calendar duties (event duties run on event clocks, not ticks).
    var calendarDuties: [Duty] {
        running.plugins.enabledDuties.filter { $0.recurrence.eventTrigger == nil }
    }

    /// SHA-256 over everything the plan depends on besides the clock: plugin contents, calendar,
    /// zone, delivery window, horizon and the directory stamp.
    var fingerprint: String {
        var hasher = SHA256()
        func add(_ text: String) { hasher.update(data: Data((text + "\u{1F}").utf8)) }
        for plugin in running.plugins.plugins.sorted(by: { $0.id < $1.id }) {
            add(plugin.id)
            add(plugin.contentHash)
            add(plugin.overrideHash ?? "-")
        }
        add(String(describing: running.calendar))
        add(zone.identifier)
        add(String(describing: running.configuration.schedule))
        add(horizonEnd.description)
        add(directoryStamp)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Per duty, a hash of its effective definition, so the store can tell a changed duty from a new one.
    var dutyHashes: [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var hashes: [String: String] = [:]
        for duty in calendarDuties {
            let data = (try? encoder.encode(duty)) ?? Data(duty.qualifiedID.utf8)
            hashes[duty.qualifiedID] = SHA256.hash(data: data).prefix(12).map { String(format: "%02x", $0) }.joined()
        }
        return hashes
    }

    /// The quantity targets occurrences copy from their duties.
    var targets: [String: OccurrenceTarget] {
        var targets: [String: OccurrenceTarget] = [:]
        for duty in running.plugins.enabledDuties {
            if let quantity = duty.quantity {
                targets[duty.qualifiedID] = OccurrenceTarget(value: quantity.target, comparison: quantity.comparison.rawValue)
            }
        }
        return targets
    }
}

extension Configuration.Schedule {
    /// The working-hours policy for reminders.
    public var deliveryWindow: DeliveryWindow {
        DeliveryWindow(start: workingHoursStart, end: workingHoursEnd, workdaysOnly: workdaysOnly)
    }
}
