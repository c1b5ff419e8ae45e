import DixianConsole
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// Sign-in links and sessions in PostgreSQL: single use, expiry, idle and absolute session limits, sign-out.
@Suite("ConsoleStore: sign-in links and sessions")
struct ConsoleStoreTests {
    @Test("a link redeems once and only before it expires; sessions end when idle, when old, and on sign-out")
    func lifecycle() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                let plan = try await ScheduleTestPlan.install(client: client)
                let store = ConsoleStore(client: client, logger: TestDatabase.logger)
                let policy = SessionPolicy.standard
                let t0 = Date(timeIntervalSince1970: 1_790_000_000)
                func link(_ at: Date) async throws -> SecretToken {
                    try await store.issueSignInLink(
                        officialIDs: [plan.cadreID], at: at, lifetime: policy.signInLinkLifetime, actor: "test", channel: "cli")
                }

                let expired = try await link(t0)
                #expect(try await store.redeem(expired, at: t0 + policy.signInLinkLifetime) == .failure(.expired))
                #expect(try await store.redeem(SecretToken(), at: t0) == .failure(.unknown))

                let token = try await link(t0)
                guard case .success(let signIn) = try await store.redeem(token, at: t0 + 60) else {
                    Issue.record("a fresh link must sign in")
                    return
                }
                #expect(signIn.session.officialIDs == [plan.cadreID])
                #expect(try await store.redeem(token, at: t0 + 61) == .failure(.used))

                // Used within the idle limit, it lives on; after a gap longer than the limit it is gone.
                let secret = signIn.secret
                #expect(try await store.session(secret, at: t0 + policy.idleTimeout - 10, policy: policy) != nil)
                #expect(try await store.session(secret, at: t0 + 2 * policy.idleTimeout - 100, policy: policy) != nil)
                #expect(try await store.session(secret, at: t0 + 4 * policy.idleTimeout, policy: policy) == nil)

                // However much it is used, it ends at the absolute limit.
                guard case .success(let busy) = try await store.redeem(try await link(t0), at: t0) else { return }
                var at = t0
                while at < t0 + policy.absoluteLifetime - policy.idleTimeout {
                    at += policy.idleTimeout / 2
                    #expect(try await store.session(busy.secret, at: at, policy: policy) != nil)
                }
                #expect(try await store.session(busy.secret, at: t0 + policy.absoluteLifetime + 1, policy: policy) == nil)

                guard case .success(let one) = try await store.redeem(try await link(t0), at: t0),
                      case .success(let two) = try await store.redeem(try await link(t0), at: t0) else { return }
                #expect(try await store.signOut(one.secret, at: t0 + 5))
                #expect(try await store.session(one.secret, at: t0 + 6, policy: policy) == nil)
                #expect(try await store.session(two.secret, at: t0 + 6, policy: policy) != nil)
                // Every session not yet ended: `two`, and the idle and the old one, which no request ended.
                #expect(try await store.signOutEverywhere(officialIDs: [plan.cadreID], actor: plan.cadreID, at: t0 + 7) == 3)
                #expect(try await store.session(two.secret, at: t0 + 8, policy: policy) == nil)
            }
        }
    }
}
