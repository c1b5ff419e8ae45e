import DixianCore

/// A rectification campaign (专项整改), declared in a plugin with its phase dates: seed 003's
/// 2024年度考核评估反馈问题整改 mobilises by 7月25日, rectifies by 8月15日 and is accepted by 9月10日
/// (003_7054d1b8bccb6c81.txt, 二). Ledger problems (整改台账) belong to a campaign.
public struct Campaign: Sendable, Hashable, Encodable {
    /// Unique across the plugin set, e.g. `assessment_feedback`.
    public var id: String
    /// `2024年度考核评估反馈问题整改`.
    public var title: String
    /// What the ledger's title names: `<unit> <year> 年度<subject>问题排查整改台账`.
    public var subject: String
    /// The assessment year the ledger's title names (年度), by default the year of `start`.
    public var year: Int
    /// 开始日期.
    public var start: CalendarDate
    /// 动员部署 by this date, if the campaign has such a phase.
    public var mobiliseBy: CalendarDate?
    /// 集中排查整改 by this date: the default deadline (整改时限) of its problems.
    public var rectifyBy: CalendarDate
    /// 验收总结 until this date, if the campaign has such a phase.
    public var acceptanceUntil: CalendarDate?
    /// The plugin that declares it.
    public var pluginID: String
    /// The document it follows.
    public var source: SourceReference?

    public init(
        id: String, title: String, subject: String, year: Int, start: CalendarDate, mobiliseBy: CalendarDate?,
        rectifyBy: CalendarDate, acceptanceUntil: CalendarDate?, pluginID: String, source: SourceReference?
    ) {
        self.id = id
        self.title = title
        self.subject = subject
        self.year = year
        self.start = start
        self.mobiliseBy = mobiliseBy
        self.rectifyBy = rectifyBy
        self.acceptanceUntil = acceptanceUntil
        self.pluginID = pluginID
        self.source = source
    }

    /// The phase a date falls in, as the bulletin and `ledger list` say it.
    public func phase(on date: CalendarDate) -> String {
        if date < start { return "未开始" }
        if let mobiliseBy, date <= mobiliseBy { return "动员部署" }
        if date <= rectifyBy { return "集中排查整改" }
        if let acceptanceUntil, date <= acceptanceUntil { return "验收总结" }
        return "已结束"
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, subject, year, start, source
        case mobiliseBy = "mobilise_by"
        case rectifyBy = "rectify_by"
        case acceptanceUntil = "acceptance_until"
        case pluginID = "plugin"
    }
}
