import DixianConsole
import Testing

@Suite("SecretToken: random, hashed, compared in constant time")
struct SecretTokenTests {
    @Test("64 hex digits, never twice the same, the hash is SHA-256 of the text")
    func shape() {
        let tokens = (0..<200).map { _ in SecretToken() }
        #expect(Set(tokens.map(\.value)).count == 200)
        for token in tokens {
            #expect(token.value.utf8.count == 64)
            #expect(SecretToken(token.value) == token)
            #expect(token.hash != token.value && token.hash.utf8.count == 64)
        }
        // printf 'abc' | sha256sum
        #expect(SecretToken.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("only 64 lowercase hex digits are read back", arguments: [
        "", "abc", String(repeating: "A", count: 64), String(repeating: "g", count: 64), String(repeating: "0", count: 63),
        String(repeating: "0", count: 65), String(repeating: "0", count: 63) + "é",
    ])
    func refusesMalformed(_ text: String) {
        #expect(SecretToken(text) == nil)
    }

    @Test("matches only the same text, and never prints the secret")
    func matching() {
        let token = SecretToken()
        #expect(token.matches(token.value))
        #expect(!token.matches(String(token.value.dropLast()) + (token.value.last == "0" ? "1" : "0")))
        #expect(!token.matches(""))
        #expect(!"\(token)".contains(token.value))
    }
}
