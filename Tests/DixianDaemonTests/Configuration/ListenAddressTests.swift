import Testing

@testable import DixianDaemon

@Suite struct ListenAddressTests {
    typealias ListenAddress = Configuration.ListenAddress

    @Test(arguments: [
        ("127.0.0.1:8080", "127.0.0.1", 8080), ("0.0.0.0:80", "0.0.0.0", 80), ("[::1]:8080", "::1", 8080),
        ("[::]:0", "::", 0), ("dixian.county.example:443", "dixian.county.example", 443),
        ("[fe80::1%eth0]:8080", "fe80::1%eth0", 8080),
    ])
    func parses(text: String, host: String, port: Int) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address == ListenAddress(host: host, port: port))
        #expect(address.description == text)
    }

    @Test(arguments: [
        "localhost", ":8080", "::1:8080", "[::1]", "[::1]8080", "[::1:8080", "h:65536", "h:-1", "h:", "h:8o",
        "ho st:80", "[abc]:80",
    ])
    func rejects(text: String) {
        #expect(throws: ListenAddress.ParseError.self) { try ListenAddress(parsing: text) }
    }
}
