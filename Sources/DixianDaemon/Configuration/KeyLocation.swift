import DixianCore

/// Where a configuration key was written, kept for checks that can run only after the file is read (the
/// plugins' roles load later). Two configurations that differ only in where a key was written are equal, so
/// moving a line never counts as a change on reload.
public struct KeyLocation: Sendable, Equatable {
    /// The key's value in the file; nil when the key was left out (the default applies).
    public var location: Diagnostic.Location?

    /// A location, or none.
    public init(_ location: Diagnostic.Location? = nil) {
        self.location = location
    }

    /// Always true: where a key was written is not part of what it configures.
    public static func == (lhs: Self, rhs: Self) -> Bool { true }
}
