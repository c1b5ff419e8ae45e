import DixianCore
import Foundation

/// The clock settings every schedule computation shares: the working calendar, the zone and the delivery
/// window. A value, so a reload swaps it whole.
public struct ScheduleContext: Sendable {
    /// Workdays and rest days (调休 included).
    public var calendar: WorkCalendar
    /// The zone schedules are evaluated in (default `Asia/Shanghai`).
    public var zone: TimeZone
    /// When messages may go out.
    public var deliveryWindow: DeliveryWindow
    /// What each configured channel needs to reach an official; a channel not listed reaches everyone.
    public var channelReach: [ChannelName: ChannelReach]

    /// The daemon's default zone.
    public static let defaultZone = TimeZone(identifier: "Asia/Shanghai")!

    /// Creates a context.
    public init(
        calendar: WorkCalendar, zone: TimeZone = defaultZone, deliveryWindow: DeliveryWindow = .officeHours,
        channelReach: [ChannelName: ChannelReach] = [:]
    ) {
        self.calendar = calendar
        self.zone = zone
        self.deliveryWindow = deliveryWindow
        self.channelReach = channelReach
    }

    /// The instant of `time` on `date` here.
    func instant(_ date: CalendarDate, _ time: TimeOfDay) -> Date {
        date.instant(at: time, in: zone)
    }

    /// The instant of a wall-clock time here.
    func instant(_ local: LocalDateTime) -> Date {
        local.instant(in: zone)
    }

    /// The wall-clock time of an instant here.
    func local(_ instant: Date) -> LocalDateTime {
        instant.localDateTime(in: zone)
    }
}
