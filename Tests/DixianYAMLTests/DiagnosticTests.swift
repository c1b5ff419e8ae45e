import DixianCore
import Testing

@Suite struct DiagnosticTests {
    @Test func descriptionHasCompilerFormat() {
        let diagnostic = Diagnostic(file: "a.yaml", line: 3, column: 5, message: "坏 (bad)", hint: "修 (fix)")
        #expect(diagnostic.description == "a.yaml:3:5: error: 坏 (bad) (修 (fix))")
        let warning = Diagnostic(file: "a.yaml", line: 0, column: -2, severity: .warning, message: "m")
        #expect(warning.description == "a.yaml:1:1: warning: m")
    }

    @Test(arguments: [
        ("lisen", "listen"), ("prot", "port"), ("Listen", "listen"), ("timezon", "timezone"),
        ("max_conections", "max_connections"), ("url", nil), ("xyz", nil), ("", nil),
    ] as [(String, String?)])
    func nearestKey(word: String, expected: String?) {
        let keys = ["listen", "port", "timezone", "max_connections", "dir", "url_file"]
        #expect(Diagnostic.nearest(to: word, in: keys) == expected)
    }

    @Test func listDescriptionIsOnePerLine() {
        var list = DiagnosticList()
        list.append(Diagnostic(file: "f", line: 1, column: 2, message: "a"))
        list.append(Diagnostic(file: "f", line: 3, column: 4, severity: .warning, message: "b"))
        #expect(list.description == "f:1:2: error: a\nf:3:4: warning: b")
        #expect(list.hasErrors)
        #expect(list.count == 2)
        #expect(DiagnosticList(list.warnings).hasErrors == false)
    }
}
