import DixianCore
import Foundation
import Testing

/// `Date.internetTimeUTC` against Foundation's `ISO8601DateFormatter`, the implementation it replaces.
struct InternetTimeTests {
    static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }

    @Test("20,000 seeded instants from 1900 to 2200, and the edges of days and leap years, read as Foundation writes them")
    func agreesWithFoundation() {
        let formatter = Self.formatter()
        var random = SeededRandom(seed: 17)
        var instants = (0..<20_000).map { _ in Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...7_258_118_400, using: &random)) }
        instants += [0, -1, 86_399, 86_400, 951_782_399, 951_782_400, 1_798_761_599.999, -0.5].map(Date.init(timeIntervalSince1970:))
        for instant in instants {
            let whole = Date(timeIntervalSince1970: instant.timeIntervalSince1970.rounded(.down))
            #expect(instant.internetTimeUTC == formatter.string(from: whole), "\(instant.timeIntervalSince1970)")
        }
    }
}
