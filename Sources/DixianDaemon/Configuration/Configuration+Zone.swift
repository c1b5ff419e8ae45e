import DixianScheduling
import Foundation

extension Configuration {
    /// The zone of `timezone` (validated when read), Asia/Shanghai should the system not know it.
    public var zone: TimeZone {
        TimeZone(identifier: timezone) ?? ScheduleContext.defaultZone
    }
}
