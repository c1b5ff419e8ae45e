import DixianCore
import Foundation
import Testing

@testable import DixianLinks

/// Any string presented as a token gives claims or a typed refusal, never a trap. Seeded, so a
/// failure reproduces.
@Suite("Signed action links: garbage in")
struct ActionLinkFuzzTests {
    static let now = Date(timeIntervalSince1970: 1_785_484_800)
    let signer = try! ActionLinkSigner(secrets: [Data(repeating: 0xA5, count: 32), Data(repeating: 0x3C, count: 48)])

    func validToken(_ random: inout SeededRandom) throws -> String {
        let ids = ["qj-0042", "a", "张三", String(repeating: "z", count: 64)]
        return try signer.confirmToken(
            occurrenceID: Int64(bitPattern: random.next()), officialID: random.pick(ids),
            expiresAt: Self.now.addingTimeInterval(86_400), using: &random
        ).token
    }

    /// The verdict for a string that is not the untouched valid token: a refusal.
    func expectRefused(_ token: String, _ note: Comment) {
        #expect(throws: ActionLinkError.self, note) { try signer.verifyConfirmToken(token, now: Self.now) }
        #expect(throws: ActionLinkError.self, note) { try signer.verifyCalendarFeedToken(token, now: Self.now) }
    }

    @Test("property: random byte strings and random base64url shapes are refused (seeded)")
    func randomStrings() {
        var random = SeededRandom(seed: 0x11)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        for round in 0..<3000 {
            let length = random.below(600)
            let bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            case 1: bytes = (0..<length).map { _ in random.pick(alphabet) }
            default:
                let left = (0..<random.below(420)).map { _ in random.pick(alphabet) }
                let right = (0..<random.below(60)).map { _ in random.pick(alphabet) }
                bytes = left + [UInt8(ascii: ".")] + right
            }
            expectRefused(String(decoding: bytes, as: UTF8.self), "round \(round)")
        }
    }

    @Test("property: every truncation and every single bit flip of a valid token is refused (seeded)")
    func mutations() throws {
        var random = SeededRandom(seed: 0x22)
        for round in 0..<12 {
            let token = try validToken(&random)
            _ = try signer.verifyConfirmToken(token, now: Self.now)
            let bytes = Array(token.utf8)
            for length in 0..<bytes.count {
                expectRefused(String(decoding: bytes[..<length], as: UTF8.self), "round \(round) prefix \(length)")
            }
            for index in bytes.indices {
                for bit in 0..<8 {
                    var flipped = bytes
                    flipped[index] ^= 1 << bit
                    expectRefused(String(decoding: flipped, as: UTF8.self), "round \(round) byte \(index) bit \(bit)")
                }
            }
        }
    }

    @Test("property: the claims decoder gives claims or a typed error for any bytes (seeded)")
    func claimsDecoder() throws {
        var random = SeededRandom(seed: 0x33)
        var nonce = SeededRandom(seed: 0x34)
        let valid = try ActionLinkClaims(
            action: .confirm, occurrenceID: 42, officialID: "qj-0042", expiresAt: Self.now, nonce: .random(using: &nonce)
        ).encoded()
        for round in 0..<5000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<random.below(320)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                if !bytes.isEmpty, random.below(2) == 0 { bytes[0] = ActionLinkClaims.currentVersion }
            } else {
                bytes = valid
                for _ in 0..<(1 + random.below(4)) where !bytes.isEmpty {
                    bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
                }
                bytes = Array(bytes.prefix(random.below(bytes.count + 8)))
            }
            do {
                let claims = try ActionLinkClaims.decode(bytes)
                // Whatever decodes must encode back to the same bytes: one spelling per claims.
                #expect(try claims.encoded() == bytes, "round \(round)")
            } catch {
                #expect([.malformed, .wrongVersion].contains(error.code), "round \(round)")
            }
        }
    }

    @Test("property: base64url round-trips any bytes and refuses non-canonical text (seeded)")
    func base64URL() {
        var random = SeededRandom(seed: 0x44)
        for _ in 0..<2000 {
            let bytes = (0..<random.below(100)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let text = Base64URL.encode(bytes)
            #expect(Base64URL.decode(text) == bytes)
            #expect(!text.contains("="))
        }
        for bad in ["A", "AB=", "AB+/", "AB C", "AB\n", "AF", "AAB", "ABCDE"] {
            #expect(Base64URL.decode(bad) == nil, "\(bad)")
        }
        #expect(Base64URL.decode("AA") == [0])
        #expect(Base64URL.decode("") == [])
    }
}
