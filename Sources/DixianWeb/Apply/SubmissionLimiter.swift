import Foundation

/// How many self-declarations the public form takes (防刷): at most ``perAddress`` from one address and
/// ``perVillage`` for one village within ``window``. An IO-free state: ``admit(address:village:at:)`` decides
/// and remembers, before anything is read or stored.
struct SubmissionLimiter: Sendable {
    enum Decision: Sendable, Hashable {
        case admit
        /// Refused; the sender may try again after this many seconds.
        case tooManyFromAddress(retryAfter: Int)
        case tooManyForVillage(retryAfter: Int)
    }

    var perAddress: Int
    var perVillage: Int
    var window: TimeInterval
    private var byAddress: [String: [Date]] = [:]
    private var byVillage: [String: [Date]] = [:]
    /// Above this many remembered keys, keys whose submissions have all left the window are forgotten.
    private let compactionThreshold = 10_000

    init(perAddress: Int = 5, perVillage: Int = 100, window: TimeInterval = 3600) {
        self.perAddress = perAddress
        self.perVillage = perVillage
        self.window = window
    }

    mutating func admit(address: String, village: String, at now: Date) -> Decision {
        let since = now.addingTimeInterval(-window)
        let fromAddress = (byAddress[address] ?? []).filter { $0 > since }
        let forVillage = (byVillage[village] ?? []).filter { $0 > since }
        if fromAddress.count >= perAddress {
            byAddress[address] = fromAddress
            return .tooManyFromAddress(retryAfter: retryAfter(fromAddress, now))
        }
        if forVillage.count >= perVillage {
            byVillage[village] = forVillage
            return .tooManyForVillage(retryAfter: retryAfter(forVillage, now))
        }
        byAddress[address] = fromAddress + [now]
        byVillage[village] = forVillage + [now]
        if byAddress.count > compactionThreshold { byAddress = byAddress.filter { $0.value.contains { $0 > since } } }
        return .admit
    }

    /// Seconds until the oldest remembered submission leaves the window.
    private func retryAfter(_ times: [Date], _ now: Date) -> Int {
        guard let oldest = times.min() else { return 1 }
        return max(1, Int((oldest.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
    }
}
