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
        running.configuration.scheduleContext(calendar: running.calendar)
    }

    /// The enabled calendar duties (event duties run on event clocks, not ticks).
    var calendarDuties: [Duty] {
        running.plugins.enabledDuties.filter { $0.recurrence.eventTrigger == nil }
    }

    /// SHA-256 over everything the plan depends on besides the clock: plugin contents, calendar,
    /// zone, delivery window, horizon and the directory stamp.
    ///
    /// Every part is written as canonical text (sorted, fields named), never `String(describing:)` of a
    /// value holding a `Set` or `Dictionary`: their order changes with each process, and a fingerprint that
    /// did would replan everything after every restart and on every replica taking over. Settings that do
    /// not change the plan (tick interval, directories by path, `schedule.enabled`) stay out of it, so two
    /// replicas configured alike but installed differently agree.
    var fingerprint: String {
        var hasher = SHA256()
        func add(_ text: String) { hasher.update(data: Data((text + "\u{1F}").utf8)) }
        for plugin in running.plugins.plugins.sorted(by: { $0.id < $1.id }) {
            add(plugin.id)
            add(plugin.contentHash)
            add(plugin.overrideHash ?? "-")
        }
        add(running.calendar.canonicalDescription)
        add(zone.identifier)
        add(running.configuration.schedule.deliveryWindow.canonicalDescription)
        // What each channel needs to reach an official decides who gets which message.
        add(running.configuration.channelReach.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }.joined(separator: ","))
        add(horizonEnd.description)
        add(directoryStamp)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Per duty, a hash of its effective definition, so the store can tell a changed duty from a new one.
    var dutyHashes: [String: String] {
        var hashes: [String: String] = [:]
        for duty in calendarDuties {
            hashes[duty.qualifiedID] = Self.hash(of: duty)
        }
        return hashes
    }

    /// A duty's JSON with sorted keys, hashed. A `Duty` holds arrays in their plugin order and one
    /// dictionary (`parameters`), whose keys `.sortedKeys` orders, so the hash is the same in every process.
    static func hash(of duty: Duty) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(duty)) ?? Data(duty.qualifiedID.utf8)
        return SHA256.hash(data: data).prefix(12).map { String(format: "%02x", $0) }.joined()
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

extension DeliveryWindow {
    /// `08:30-17:30 workdays_only=true`: every field, written out for the planning fingerprint.
    var canonicalDescription: String {
        "\(start)-\(end) workdays_only=\(workdaysOnly)"
    }
}
