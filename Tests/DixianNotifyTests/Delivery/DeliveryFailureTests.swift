import DixianCore
import DixianNotify
import Foundation
import Testing

@Suite("Delivery failures: how transports classify answers")
struct DeliveryFailureTests {
    @Test("HTTP and SMTP answers are told apart: transient, permanent, endpoint gone")
    func classification() {
        #expect(DeliveryFailure.http(status: 204) == nil)
        for status in [408, 429, 500, 502, 503] { #expect(DeliveryFailure.http(status: status)?.kind == .transient) }
        for status in [400, 401, 403, 404, 413, 422] { #expect(DeliveryFailure.http(status: status)?.kind == .permanent) }
        #expect(DeliveryFailure.http(status: 410)?.kind == .endpointGone)
        #expect(DeliveryFailure.smtp(code: 250, text: "OK") == nil)
        #expect(DeliveryFailure.smtp(code: 451, text: "try later")?.kind == .transient)
        #expect(DeliveryFailure.smtp(code: 535, text: "auth failed")?.kind == .permanent)
    }

    @Test("Retry-After as seconds or an HTTP date")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 1_783_044_000)
        #expect(DeliveryFailure.retryAfter("120", now: now) == 120)
        #expect(DeliveryFailure.retryAfter(nil, now: now) == nil)
        #expect(DeliveryFailure.retryAfter("soon", now: now) == nil)
        let later = DeliveryFailure.retryAfter("Fri, 03 Jul 2026 02:02:00 GMT", now: now)
        #expect(later == 120)
    }
}
