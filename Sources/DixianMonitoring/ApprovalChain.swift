/// The steps a decision goes through before it takes effect: inclusion in monitoring (纳入监测) and risk
/// elimination (风险消除), by default 村级评议 → 乡镇审核 → 县级审定 (the governance plugin may declare its own).
public struct ApprovalChain: Sendable, Hashable {
    /// One step: who decides, and how the step is called on forms.
    public struct Step: Sendable, Hashable {
        /// `village_review`.
        public var id: String
        /// 村级评议.
        public var title: String
        /// The directory role that decides it, e.g. `village_secretary`.
        public var role: String
        /// An approval too must say why (谨慎消除风险: the county writes its reasons).
        public var requiresNote: Bool

        public init(id: String, title: String, role: String, requiresNote: Bool = false) {
            self.id = id
            self.title = title
            self.role = role
            self.requiresNote = requiresNote
        }
    }

    public var steps: [Step]

    /// - Precondition: at least one step, ids unique (the plugin loader checks a declared chain).
    public init(steps: [Step]) {
        precondition(!steps.isEmpty && Set(steps.map(\.id)).count == steps.count, "an approval chain needs unique steps")
        self.steps = steps
    }

    /// 村级评议 → 乡镇审核 → 县级审定.
    public static let standard = ApprovalChain(steps: [
        Step(id: "village_review", title: "村级评议", role: "village_secretary"),
        Step(id: "town_review", title: "乡镇审核", role: "town_office"),
        Step(id: "county_decision", title: "县级审定", role: "county_office"),
    ])
}
