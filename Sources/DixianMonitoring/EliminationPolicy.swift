import Foundation

/// The figures the elimination rules compare with. The monitoring line comes from the governance plugin's
/// parameters (`monitoring_line`, `monitoring_line_year`); the other two are local settings (本地设定): the seeds
/// say "稳定消除" and "年龄较大" without a number.
public struct EliminationPolicy: Sendable, Hashable {
    /// 防止返贫监测范围: the monitoring line by year, yuan per person and year (seed 003: 7,800 for 2024).
    public var monitoringLines: [Int: Decimal]
    /// Days without a new signal before the risk counts as stably gone (本地设定).
    public var stableDays: Int
    /// The age from which a household's elimination needs the county's extra approval (本地设定).
    public var cautionAge: Int

    public init(monitoringLines: [Int: Decimal], stableDays: Int = 90, cautionAge: Int = 65) {
        self.monitoringLines = monitoringLines
        self.stableDays = stableDays
        self.cautionAge = cautionAge
    }
}
