/// An error that carries a Chinese-first message and the context an operator needs (file, id, value),
/// printed the same way everywhere: `message [key=value key=value]`, keys sorted.
///
/// The error types of the modules (`StoreError`, `DirectoryError`, …) keep their own stable `code`
/// types and conform to this for the shared description.
public protocol ContextualError: Error, CustomStringConvertible {
    /// Chinese-first human text; never contains a secret.
    var message: String { get }
    /// Key facts, e.g. `["id": "42"]`.
    var context: [String: String] { get }
}

extension ContextualError {
    public var description: String {
        guard !context.isEmpty else { return message }
        let details = context.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "\(message) [\(details)]"
    }
}
