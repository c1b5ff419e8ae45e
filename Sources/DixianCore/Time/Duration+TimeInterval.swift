import Foundation

extension Duration {
    /// The duration in seconds, as Foundation measures intervals (and metrics report them).
    public var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
