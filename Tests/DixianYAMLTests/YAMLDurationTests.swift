import DixianYAML
import Testing

@Suite struct YAMLDurationTests {
    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("10s", .seconds(10)), ("5m", .seconds(300)),
        ("2h", .seconds(7200)), ("1d", .seconds(86400)), ("1h30m", .seconds(5400)), ("0s", .zero),
        ("1m500ms", .milliseconds(60500)),
    ])
    func parses(text: String, expected: Duration) {
        #expect(YAMLDuration.parse(text) == expected)
        #expect(YAMLDuration.parse(YAMLDuration.format(expected)) == expected)
    }

    @Test(arguments: ["", "10", "s", "10 s", "-5s", "1.5s", "10S", "5s1m", "1s1s", "10w", "99999999999999999999d",
                      "9999999999999999d", "１０s"])
    func rejects(text: String) {
        #expect(YAMLDuration.parse(text) == nil)
    }

    @Test func formats() {
        #expect(YAMLDuration.format(.seconds(10)) == "10s")
        #expect(YAMLDuration.format(.seconds(5400)) == "1h30m")
        #expect(YAMLDuration.format(.milliseconds(1500)) == "1s500ms")
        #expect(YAMLDuration.format(.zero) == "0s")
    }
}
