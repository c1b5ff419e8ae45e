import DixianCore
import Foundation
import Testing

@testable import DixianLinks

@Suite("Signed action links")
struct ActionLinkSignerTests {
    static let current = Data((0..<32).map { UInt8($0) })
    static let retired = Data((0..<40).map { UInt8(200 - $0) })
    static let now = Date(timeIntervalSince1970: 1_785_484_800)  // 2026-07-31T08:00:00Z
    static let expiry = now.addingTimeInterval(7 * 86_400)

    let signer = try! ActionLinkSigner(secrets: [Self.current])

    func confirm(_ signer: ActionLinkSigner? = nil, seed: UInt64 = 1, expiresAt: Date = Self.expiry) throws -> ActionLinkToken {
        var random = SeededRandom(seed: seed)
        return try (signer ?? self.signer).confirmToken(
            occurrenceID: 4711, officialID: "qj-0042", expiresAt: expiresAt, using: &random
        )
    }

    @Test("a confirm token verifies to its claims and is URL-safe")
    func roundTrip() throws {
        let signed = try confirm()
        let claims = try signer.verifyConfirmToken(signed.token, now: Self.now)
        #expect(claims == signed.claims)
        #expect(claims.action == .confirm)
        #expect(claims.occurrenceID == 4711)
        #expect(claims.officialID == "qj-0042")
        #expect(claims.expiresAt == Self.expiry)
        #expect(claims.version == ActionLinkClaims.currentVersion)
        #expect(claims.nonce.hex.count == 32)
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.".utf8)
        #expect(signed.token.utf8.allSatisfy(allowed.contains))
        #expect(signed.token.utf8.count < ActionLinkSigner.maximumTokenLength)
    }

    @Test("the nonce comes from the injected generator: same seed, same token; new seed, new nonce")
    func nonce() throws {
        #expect(try confirm(seed: 7).token == confirm(seed: 7).token)
        #expect(try confirm(seed: 7).claims.nonce != confirm(seed: 8).claims.nonce)
        var system = SystemRandomNumberGenerator()
        let a = try signer.confirmToken(occurrenceID: 1, officialID: "a", expiresAt: Self.expiry, using: &system)
        let b = try signer.confirmToken(occurrenceID: 1, officialID: "a", expiresAt: Self.expiry, using: &system)
        #expect(a.claims.nonce != b.claims.nonce)
    }

    @Test("fractions of a second in the expiry are dropped when signing")
    func wholeSeconds() throws {
        let signed = try confirm(expiresAt: Self.expiry.addingTimeInterval(0.75))
        #expect(signed.claims.expiresAt == Self.expiry)
        #expect(try signer.verifyConfirmToken(signed.token, now: Self.now).expiresAt == Self.expiry)
    }

    @Test("valid until the expiry second, expired from it on")
    func expiry() throws {
        let token = try confirm().token
        _ = try signer.verifyConfirmToken(token, now: Self.expiry.addingTimeInterval(-1))
        for late in [Self.expiry, Self.expiry.addingTimeInterval(86_400 * 400)] {
            let error = #expect(throws: ActionLinkError.self) { try signer.verifyConfirmToken(token, now: late) }
            #expect(error?.code == .expired)
        }
    }

    @Test("a forged token is a bad signature even when its claims say expired")
    func forgedExpired() throws {
        let other = try ActionLinkSigner(secrets: [Data(repeating: 9, count: 32)])
        let token = try confirm(other).token
        let error = #expect(throws: ActionLinkError.self) {
            try signer.verifyConfirmToken(token, now: Self.expiry.addingTimeInterval(10))
        }
        #expect(error?.code == .badSignature)
    }

    @Test("key rotation: the current secret signs, every listed secret verifies")
    func rotation() throws {
        let old = try ActionLinkSigner(secrets: [Self.retired])
        let rotated = try ActionLinkSigner(secrets: [Self.current, Self.retired])
        let oldToken = try confirm(old).token
        #expect(try rotated.verifyConfirmToken(oldToken, now: Self.now).officialID == "qj-0042")
        let error = #expect(throws: ActionLinkError.self) { try signer.verifyConfirmToken(oldToken, now: Self.now) }
        #expect(error?.code == .badSignature)
        let newToken = try confirm(rotated).token
        #expect(try signer.verifyConfirmToken(newToken, now: Self.now).occurrenceID == 4711)
        #expect(throws: ActionLinkError.self) { try old.verifyConfirmToken(newToken, now: Self.now) }
    }

    @Test("secrets shorter than 32 bytes, or none, are refused")
    func weakSecrets() {
        for secrets in [[], [Data(repeating: 1, count: 31)], [Self.current, Data(repeating: 1, count: 16)]] {
            let error = #expect(throws: ActionLinkError.self) { try ActionLinkSigner(secrets: secrets) }
            #expect(error?.code == .weakSecret)
        }
    }

    @Test("official ids must be 1–255 UTF-8 bytes; Chinese ids round-trip")
    func officialIDs() throws {
        var random = SeededRandom(seed: 3)
        for bad in ["", String(repeating: "x", count: 256), String(repeating: "张", count: 86)] {
            let error = #expect(throws: ActionLinkError.self) {
                try signer.confirmToken(occurrenceID: 1, officialID: bad, expiresAt: Self.expiry, using: &random)
            }
            #expect(error?.code == .invalidClaims)
        }
        let long = String(repeating: "张", count: 85)
        let signed = try signer.confirmToken(occurrenceID: -5, officialID: long, expiresAt: Self.expiry, using: &random)
        let claims = try signer.verifyConfirmToken(signed.token, now: Self.now)
        #expect(claims.officialID == long)
        #expect(claims.occurrenceID == -5)
    }

    @Test("a token of an unknown version is refused as such")
    func version() throws {
        var random = SeededRandom(seed: 4)
        let claims = ActionLinkClaims(
            version: 2, action: .confirm, occurrenceID: 1, officialID: "a", expiresAt: Self.expiry,
            nonce: .random(using: &random)
        )
        let token = try signer.sign(claims).token
        let error = #expect(throws: ActionLinkError.self) { try signer.verifyConfirmToken(token, now: Self.now) }
        #expect(error?.code == .wrongVersion)
        #expect(error?.context["version"] == "2")
    }

    @Test("every refusal has a Chinese message and never carries the token")
    func messages() throws {
        let token = try confirm().token
        let errors: [ActionLinkError] = [
            .malformed("x"), .badSignature, .expired(at: 1), .wrongVersion(9),
        ]
        for error in errors {
            #expect(error.message.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
            #expect(!error.description.contains(token))
        }
        let refused = #expect(throws: ActionLinkError.self) { try signer.verifyConfirmToken(token + "x", now: Self.now) }
        #expect(refused.map { !$0.description.contains(token) } == true)
    }
}
