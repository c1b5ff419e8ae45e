@testable import DixianWeb
import Foundation
import Testing

@Suite("Request target and text checks")
struct RequestTargetTests {
    @Test("valid targets pass", arguments: [
        "/healthz", "/api/v1/occurrences?status=open&limit=10", "/api/v1/occurrences?duty=test.visits",
        "/api/v1/occurrences?duty=%E4%BB%BB%E5%8A%A1", "/a/abc_DEF-123", "/ical/x.ics", "/?", "/api/v1/occurrences?&&",
    ])
    func valid(target: String) {
        #expect(RequestTarget.problem(target) == nil)
    }

    @Test("bad targets are refused with a reason", arguments: [
        ("/api?duty=%00", "NUL"), ("/api?d%00=1", "NUL"), ("/a/%00", "NUL"), ("/api?x=%ZZ", "% 转义"), ("/api?x=%", "% 转义"),
        ("/api?x=%FF", "UTF-8"), ("/api?x=%C3%28", "UTF-8"), ("/api?x=%01", "控制字符"), ("/api?x=%7F", "控制字符"),
        ("/api?x=%C2%85", "控制字符"), ("/api?x=任务", "非 ASCII"), ("/a b", "空格"), ("/a\u{0}", "控制字符"),
    ])
    func invalid(target: String, fragment: String) {
        let problem = RequestTarget.problem(target)
        #expect(problem?.contains(fragment) == true, "\(problem ?? "nil")")
    }

    @Test("query parameters decode names and values, + as a space")
    func query() throws {
        let pairs = try RequestTarget.queryParameters("a=1&b=%E4%BB%BB%E5%8A%A1+x&c&d=")
        #expect(pairs.map(\.name) == ["a", "b", "c", "d"])
        #expect(pairs.map(\.value) == ["1", "任务 x", "", ""])
        #expect(try RequestTarget.queryParameters(nil).isEmpty)
    }

    @Test("text fields: NUL and controls refused, line breaks only where allowed")
    func text() {
        #expect(TextProblem.controlCharacters(in: "a\u{0}b", allowingLineBreaks: true)?.message.contains("NUL") == true)
        #expect(TextProblem.controlCharacters(in: "a\u{1B}[31m", allowingLineBreaks: true) != nil)
        #expect(TextProblem.controlCharacters(in: "第一行\r\n第二行\t", allowingLineBreaks: true) == nil)
        #expect(TextProblem.controlCharacters(in: "a\nb", allowingLineBreaks: false) != nil)
        #expect(TextProblem.controlCharacters(in: "王五 😀", allowingLineBreaks: false) == nil)
    }

    @Test("error ids are 8 lowercase hex digits and differ")
    func errorIDs() {
        let ids = (0..<100).map { _ in ErrorID().description }
        #expect(ids.allSatisfy { $0.count == 8 && $0.allSatisfy(\.isHexDigit) && $0 == $0.lowercased() })
        #expect(Set(ids).count > 90)
    }

    @Test("503 answers carry Retry-After and the error id, never the failure's text")
    func unavailable() {
        let failure = DatabaseUnavailable(.failed, context: ["error": "invalid byte sequence for encoding UTF8: 0x00 (SQLSTATE 22021)"])
        let answer = APIError.unavailable(failure)
        #expect(answer.status == .serviceUnavailable)
        #expect(answer.headers[.retryAfter] == "5")
        #expect(answer.message.contains(failure.errorID.description))
        #expect(!answer.message.contains("SQLSTATE"))
        #expect(APIError.unavailable(DatabaseUnavailable(.timedOut)).message.contains("结果未知"))
    }

    @Test("paths under /api answer JSON, others text")
    func errorFormat() {
        #expect(APIPath.contains("/api"))
        #expect(APIPath.contains("/api/v1/x"))
        #expect(!APIPath.contains("/apis"))
        #expect(!APIPath.contains("/a/token"))
        #expect(APIError.notFound.response(forPath: "/api/v1/x").headers[.contentType]?.hasPrefix("application/json") == true)
        #expect(APIError.notFound.response(forPath: "/x").headers[.contentType]?.hasPrefix("text/plain") == true)
        let allowed = APIError.methodNotAllowed(allowed: [.get, .head])
        #expect(allowed.headers[.allow] == "GET, HEAD")
    }
}
