/// The name of a configured channel (渠道), the key under `channels:` in `dixian.yaml` (`email`, `chat`, …).
///
/// A value of its own, not a bare string, so a channel name is never confused with a recipient or a key.
public struct ChannelName: TextValue {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }
}
