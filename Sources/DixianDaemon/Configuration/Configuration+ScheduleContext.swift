import DixianCore
import DixianScheduling

extension Configuration {
    /// What each configured channel needs to reach an official: an address for email channels (SMTP, a
    /// maildir of emails), nothing for group chats.
    public var channelReach: [ChannelName: ChannelReach] {
        var reach: [ChannelName: ChannelReach] = [:]
        for (name, channel) in channels {
            reach[ChannelName(name)] = channel.carriesEmail ? .emailAddress : .group
        }
        return reach
    }

    /// The planner's context under this configuration, over `calendar`.
    public func scheduleContext(calendar: WorkCalendar) -> ScheduleContext {
        ScheduleContext(calendar: calendar, zone: zone, deliveryWindow: schedule.deliveryWindow, channelReach: channelReach)
    }
}
