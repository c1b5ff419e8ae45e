/// A value that must never reach a log line, an error message or a crash report by accident.
///
/// Printing, interpolating, `dump`ing or mirroring a secret shows `<redacted>`; the one way to the value is
/// ``value``, spelled out where it is handed to the database driver.
public struct Secret<Value> {
    /// The secret itself. Read it only where it is used.
    public var value: Value

    /// Wraps a value.
    public init(_ value: Value) {
        self.value = value
    }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Always `<redacted>`.
    public var description: String { "<redacted>" }

    /// Always `<redacted>`, so `debugPrint` and `String(reflecting:)` are safe too.
    public var debugDescription: String { "<redacted>" }

    /// No children, so `dump` and debuggers cannot walk into the value.
    public var customMirror: Mirror {
        Mirror(self, children: [], displayStyle: .struct)
    }
}

extension Secret: Sendable where Value: Sendable {}
extension Secret: Equatable where Value: Equatable {}
extension Secret: Hashable where Value: Hashable {}
