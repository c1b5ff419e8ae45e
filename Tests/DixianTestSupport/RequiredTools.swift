import Foundation

/// Whether the test command requires the independent tools (python3 and its modules) the tests check
/// against. `scripts/test` installs them and sets `DIXIAN_REQUIRE_TOOLS=1`: a missing tool is then a
/// failure, never a silent skip. A bare `swift test` without them skips those tests, saying why.
public enum RequiredTools {
    public static let areRequired = ProcessInfo.processInfo.environment["DIXIAN_REQUIRE_TOOLS"] == "1"

    /// `available`, or true when the test command requires the tool: the test then runs and fails with
    /// `RequiredTools.missing(_:)`'s message.
    public static func enabled(_ available: Bool) -> Bool {
        available || areRequired
    }

    /// The failure of a test whose tool is missing.
    public static func missing(_ tool: String) -> String {
        "\(tool) not found: scripts/test installs it (python3 -m pip install …); see the README's test command"
    }
}
