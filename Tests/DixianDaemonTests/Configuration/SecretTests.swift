import DixianCore
import Testing

@testable import DixianDaemon

@Suite struct SecretTests {
    @Test func neverPrintsItsValue() {
        let secret = Secret("hunter2")
        #expect(secret.value == "hunter2")
        #expect(secret.description == "<redacted>")
        #expect("\(secret)" == "<redacted>")
        #expect(String(describing: secret) == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
    }

    @Test func configurationDumpDoesNotRevealSecrets() throws {
        var configuration = Configuration.defaults
        configuration.database.url = Secret(try DatabaseURL(parsing: "postgres://u:hunter2@db.example/d"))
        configuration.database.password = Secret("correct horse")
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(!dumped.contains("correct horse"))
        #expect(!"\(configuration)".contains("hunter2"))
        #expect(!String(reflecting: configuration).contains("correct horse"))
    }
}
