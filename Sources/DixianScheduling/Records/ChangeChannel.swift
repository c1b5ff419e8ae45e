import Foundation

/// Through which way a person changed an occurrence (recorded in the audit log).
public enum ChangeChannel: String, Sendable, Hashable, CaseIterable, Codable {
    /// `dixian duty done|waive`.
    case cli
    /// The token-protected HTTP API.
    case http
    /// A signed one-click link from an email.
    case link
    /// The web console (工作台), by a signed-in official.
    case console
}

