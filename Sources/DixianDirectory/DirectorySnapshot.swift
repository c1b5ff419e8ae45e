/// What the directory already holds that an import is checked against.
///
/// Taken by the store inside the import's transaction, so the check and the write see the same state.
public struct DirectorySnapshot: Sendable, Hashable {
    /// The stored org units (code → level is implied by the code).
    public var unitCodes: Set<DivisionCode>

    public init(unitCodes: Set<DivisionCode> = []) {
        self.unitCodes = unitCodes
    }

    /// An empty directory.
    public static let empty = DirectorySnapshot()
}
