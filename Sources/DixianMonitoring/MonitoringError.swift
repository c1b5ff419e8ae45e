/// A step of the procedure refused: a stable code and Chinese text. Nothing changed.
public struct MonitoringError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The case is not at the stage the step belongs to.
        case wrongStage = "wrong_stage"
        /// A dismissal, a rejection or a caution approval without its reason.
        case reasonRequired = "reason_required"
        case riskTypeRequired = "risk_type_required"
        case alreadyApproved = "already_approved"
        case wrongStep = "wrong_step"
        case wrongRole = "wrong_role"
        case duplicate = "duplicate"
        case notFound = "not_found"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code.rawValue)]" }
}
