import DixianCore

/// A help measure (帮扶措施) of a monitored household: what it is, which risk it answers, and whether it is in
/// place (已落实).
public struct HelpMeasure: Sendable, Hashable, Identifiable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// 计划.
        case planned
        /// 已落实.
        case inPlace = "in_place"
    }

    public var id: Int64
    public var type: MeasureType
    /// The case's risk this measure answers.
    public var answers: RiskType
    public var description: String
    public var plannedOn: CalendarDate
    public var status: Status
    /// When it was put in place, and the evidence note (佐证).
    public var inPlaceOn: CalendarDate?
    public var evidence: String?

    public init(
        id: Int64, type: MeasureType, answers: RiskType, description: String, plannedOn: CalendarDate,
        status: Status = .planned, inPlaceOn: CalendarDate? = nil, evidence: String? = nil
    ) {
        self.id = id
        self.type = type
        self.answers = answers
        self.description = description
        self.plannedOn = plannedOn
        self.status = status
        self.inPlaceOn = inPlaceOn
        self.evidence = evidence
    }
}
