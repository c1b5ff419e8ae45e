import DixianTestSupport
import DixianWeb
import Foundation
import Testing

/// The OpenAPI 3.1 description at `/api/v1/openapi.json` is kept true: it is valid (openapi-spec-validator),
/// it describes every `/api/v1/` route of `HTTPEndpoints.routes` and nothing else (scripts/openapi-check.py), the
/// daemon serves it byte for byte, and PyPI's schemathesis, generating requests from it against a real daemon,
/// finds no 5xx and no answer that breaks it.
@Suite("The JSON API's OpenAPI description, checked against the routes and by schemathesis")
struct OpenAPITests {
    static let document = DixianBinary.packageRoot + "/Sources/DixianWeb/OpenAPI/openapi.json"

    @Test("valid OpenAPI 3.1, every /api/v1 route and method in it and no other, served as embedded")
    func documentMatchesRoutes() async throws {
        let work = try makeWorkDirectory("openapi")
        let lines = HTTPEndpoints.routes.filter { $0.path.hasPrefix("/api/") }.flatMap { route in route.methods.map { "\($0) \(route.path)" } }
        #expect(lines.count > 20)
        try (lines.joined(separator: "\n") + "\n").write(toFile: work + "/routes.txt", atomically: true, encoding: .utf8)
        let check = try await Self.python([DixianBinary.packageRoot + "/scripts/openapi-check.py", Self.document, "--routes", work + "/routes.txt"])
        #expect(check.status == 0, "\(check.output)\(check.errors)")
        // A route the document lacks is caught.
        try (lines + ["GET /api/v1/nowhere"]).joined(separator: "\n").write(toFile: work + "/more.txt", atomically: true, encoding: .utf8)
        let missing = try await Self.python([DixianBinary.packageRoot + "/scripts/openapi-check.py", Self.document, "--routes", work + "/more.txt"])
        #expect(missing.status == 1 && missing.output.contains("/api/v1/nowhere"), "\(missing.output)")
        #expect(OpenAPIDocument.bytes == Array(try Data(contentsOf: URL(fileURLWithPath: Self.document))), "the binary embeds the file")
    }

    @Test("schemathesis against a real daemon: no 5xx, every answer as the document says")
    func schemathesis() async throws {
        try await HTTPFixture.with { fixture in
            let served = try #require(await HTTPProbe.get(fixture.address, "/api/v1/openapi.json"))
            #expect(served.status == 200 && Array(served.body.utf8) == OpenAPIDocument.bytes)
            let work = try makeWorkDirectory("schemathesis")
            let run = try await Self.python([
                "-c", "import sys; from schemathesis.cli import schemathesis; sys.argv[0] = 'schemathesis'; schemathesis()",
                "run", "http://\(fixture.address)/api/v1/openapi.json", "-H", "Authorization: Bearer \(HTTPFixture.token)",
                "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance",
                "--phases", "examples,coverage,fuzzing", "--max-examples", "15", "--seed", "20261204", "--request-timeout", "60",
                "--report", "junit", "--report-dir", work, "--no-color",
            ], directory: work)
            let output = run.output + run.errors
            #expect(run.status == 0, "\(output.suffix(6000))")
            #expect(output.contains("passed"), "\(output.suffix(2000))")
        }
    }

    static func python(_ arguments: [String], directory: String? = nil) async throws -> (status: Int32, output: String, errors: String) {
        let python = try #require(PythonInterpreter.url, "python3")
        let result = try await ToolProcess.run(python, arguments, input: Data(), directory: directory)
        return (result.status, String(decoding: result.output, as: UTF8.self), String(decoding: result.errors, as: UTF8.self))
    }
}
