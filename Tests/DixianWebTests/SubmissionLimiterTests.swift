import Foundation
import Testing

@testable import DixianWeb

@Suite("Self-declaration flood limits")
struct SubmissionLimiterTests {
    @Test("the sixth submission from one address within the hour is refused, with the seconds until it may retry")
    func perAddress() {
        var limiter = SubmissionLimiter(perAddress: 5, perVillage: 100, window: 3600)
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        for minute in 0..<5 {
            #expect(limiter.admit(address: "10.0.0.1", village: "V", at: start.addingTimeInterval(Double(minute) * 60)) == .admit)
        }
        #expect(limiter.admit(address: "10.0.0.1", village: "V", at: start.addingTimeInterval(600)) == .tooManyFromAddress(retryAfter: 3000))
        #expect(limiter.admit(address: "10.0.0.2", village: "V", at: start.addingTimeInterval(600)) == .admit, "another address")
        #expect(limiter.admit(address: "10.0.0.1", village: "V", at: start.addingTimeInterval(3601)) == .admit, "the first left the window")
    }

    @Test("a village takes at most its number per hour, whatever the addresses")
    func perVillage() {
        var limiter = SubmissionLimiter(perAddress: 5, perVillage: 3, window: 3600)
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        for index in 0..<3 { #expect(limiter.admit(address: "a\(index)", village: "V", at: now) == .admit) }
        #expect(limiter.admit(address: "b", village: "V", at: now) == .tooManyForVillage(retryAfter: 3600))
        #expect(limiter.admit(address: "b", village: "W", at: now) == .admit)
    }

    @Test("a refused submission is not counted")
    func refusedNotCounted() {
        var limiter = SubmissionLimiter(perAddress: 1, perVillage: 100, window: 60)
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        #expect(limiter.admit(address: "a", village: "V", at: now) == .admit)
        for second in 1..<50 { #expect(limiter.admit(address: "a", village: "V", at: now.addingTimeInterval(Double(second))) != .admit) }
        #expect(limiter.admit(address: "a", village: "V", at: now.addingTimeInterval(61)) == .admit)
    }
}
