import DixianTestSupport
import Foundation
import Testing

/// Generated bad input against a running daemon: wrong methods, paths, headers, bodies, encodings, NULs,
/// oversize and truncated bodies, wrong JSON types, unknown fields, huge numbers. Each case asserts its
/// status and a fragment of its message; the database must be byte for byte the same afterwards.
@Suite("HTTP bad input, end to end")
struct HTTPBadInputTests {
    static func cases(_ server: HTTPFixture) throws -> [HTTPBadInputCase] {
        typealias R = HTTPFixture
        let open = server.plan.openID
        let auth = [R.bearer]
        var cases: [HTTPBadInputCase] = []
        func add(_ name: String, _ request: [UInt8], _ status: Int, _ fragment: String?, shutdown: Bool = false) {
            cases.append(HTTPBadInputCase(name: name, request: request, status: status, fragment: fragment, shutdown: shutdown))
        }
        let link = try server.confirmPath()
        let notYetOpenLink = try server.confirmPath(server.plan.notYetOpenID)

        // Wrong methods on every known path: 405 with the methods it serves.
        let getOnly = ["/healthz", "/readyz", "/metrics", "/api/v1/occurrences", "/api/v1/occurrences/\(open)", "/ical/x.ics"]
        let postOnly = ["/api/v1/occurrences/\(open)/done", "/api/v1/occurrences/\(open)/waive"]
        for path in getOnly {
            for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
                add("\(method) \(path)", R.request(method, path, headers: auth, body: method == "POST" || method == "PUT" ? [] : nil), 405, "不支持该请求方法")
            }
        }
        for path in postOnly {
            for method in ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"] where method != "HEAD" {
                add("\(method) \(path)", R.request(method, path, headers: auth), 405, #""code":"method_not_allowed""#)
            }
        }
        for method in ["PUT", "DELETE", "PATCH"] {
            add("\(method) link", R.request(method, link), 405, "不支持该请求方法")
        }

        // Unknown paths: JSON under /api, text elsewhere.
        for path in ["/api", "/api/v1", "/api/v2/occurrences", "/api/v1/occurrences/1/undo", "/api/v1/occurrences/1/done/x"] {
            add("GET \(path)", R.request("GET", path, headers: auth), 404, #""code":"not_found""#)
        }
        for path in ["/", "/index.html", "/a", "/a/", "/ical", "/healthz/x", "/../etc/passwd"] {
            add("GET \(path)", R.request("GET", path), 404, "没有这个地址")
        }

        // Path parameters.
        for id in ["abc", "0", "-1", "1.5", "99999999999999999999999", "1e3", "%31"] {
            add("id \(id)", R.request("GET", "/api/v1/occurrences/\(id)", headers: auth), 400, #""code":"invalid_id""#)
        }
        add("id unknown", R.request("GET", "/api/v1/occurrences/999999", headers: auth), 404, #""code":"occurrence_not_found""#)
        add("calendar garbage", R.request("GET", "/ical/garbage.ics"), 404, "日历链接无效")
        add("link garbage GET", R.request("GET", "/a/garbage"), 403, "链接无效")
        add("link garbage POST", R.request("POST", "/a/garbage", body: Array("achieved=1".utf8)), 403, "链接无效")

        // Encodings in the target: NUL, bad escapes, invalid UTF-8, control characters.
        let targets: [(String, String)] = [
            ("/api/v1/occurrences?duty=%00", "NUL"), ("/api/v1/occurrences?duty=a%00b", "NUL"),
            ("/api/v1/occurrences?du%00ty=a", "NUL"), ("/api/v1/occurrences?duty=%ZZ", "% 转义"),
            ("/api/v1/occurrences?duty=%", "% 转义"), ("/api/v1/occurrences?duty=%4", "% 转义"),
            ("/api/v1/occurrences?duty=%FF", "UTF-8"), ("/api/v1/occurrences?duty=%C3%28", "UTF-8"),
            ("/api/v1/occurrences?duty=%E4%B8", "UTF-8"), ("/api/v1/occurrences?duty=%ED%A0%80", "UTF-8"),
            ("/api/v1/occurrences?duty=%01", "控制字符"), ("/api/v1/occurrences?duty=%7F", "控制字符"),
            ("/api/v1/occurrences?duty=%0A", "控制字符"), ("/api/v1/occurrences?duty=%C2%85", "控制字符"),
            ("/api/v1/occurrences/%00", "NUL"), ("/api/v1/occurrences/1%00/done", "NUL"),
        ]
        for (target, fragment) in targets {
            add("target \(target)", R.request("GET", target, headers: auth), 400, fragment)
        }
        for (target, fragment) in [("/a/%00", "NUL"), ("/a/%FF", "UTF-8"), ("/ical/%00.ics", "NUL"), ("/healthz%ZZ", "% 转义"), ("/metrics?x=%00", "NUL")] {
            add("target \(target)", R.request("GET", target), 400, fragment)
        }

        // Query parameters of the list.
        let queries: [(String, String)] = [
            ("status=late", "invalid_status"), ("status=", "invalid_status"), ("org=123", "invalid_org"), ("org=abc", "invalid_org"),
            ("limit=0", "invalid_limit"), ("limit=1001", "invalid_limit"), ("limit=-1", "invalid_limit"), ("limit=1.5", "invalid_limit"),
            ("limit=99999999999999999999999", "invalid_limit"), ("limit=", "invalid_limit"), ("colour=red", "unknown_parameter"),
            ("duty=", "invalid_duty"), ("limit=%31%30%30%30%30", "invalid_limit"),
        ]
        for (query, code) in queries {
            add("query \(query)", R.request("GET", "/api/v1/occurrences?\(query)", headers: auth), 400, "\"code\":\"\(code)\"")
        }

        // Credentials.
        let credentials: [(String, [(String, String)])] = [
            ("no token", []), ("basic", [("Authorization", "Basic \(R.token)")]), ("empty bearer", [("Authorization", "Bearer ")]),
            ("wrong token", [("Authorization", "Bearer wrong-token-0123456789abcdef")]),
            ("token prefix", [("Authorization", "Bearer \(R.token.dropLast())")]), ("token suffix", [("Authorization", "Bearer \(R.token)x")]),
        ]
        for (name, headers) in credentials {
            add("auth \(name)", R.request("GET", "/api/v1/occurrences", headers: headers), 401, #""code":"unauthorized""#)
            add("auth \(name) POST", R.request("POST", "/api/v1/occurrences/\(open)/done", headers: headers, body: Array(#"{"by":"x"}"#.utf8)), 401, "访问令牌")
        }

        // JSON bodies of done and waive.
        let done = "/api/v1/occurrences/\(open)/done"
        let waive = "/api/v1/occurrences/\(open)/waive"
        let cadre = server.plan.cadreID
        let longText = String(repeating: "字", count: 2001)
        let bodies: [(String, String, Int, String)] = [
            (done, "", 400, "缺少 JSON 请求体"), (done, "not json", 400, "invalid_json"), (done, "[]", 400, "invalid_json"),
            (done, "\"by\"", 400, "invalid_json"), (done, "null", 400, "invalid_json"), (done, "{", 400, "invalid_json"),
            (done, "{}", 400, "缺少字段 by"), (done, #"{"by": 5}"#, 400, "字段 by 类型错误"), (done, #"{"by": null}"#, 400, "invalid_json"),
            (done, #"{"by": ["x"]}"#, 400, "字段 by 类型错误"), (done, #"{"by": {"id": "x"}}"#, 400, "字段 by 类型错误"),
            (done, #"{"by": true}"#, 400, "字段 by 类型错误"), (done, #"{"count": "12", "by": "\#(cadre)"}"#, 400, "字段 count 类型错误"),
            (done, #"{"count": [1], "by": "\#(cadre)"}"#, 400, "字段 count 类型错误"),
            (done, #"{"count": 1e400, "by": "\#(cadre)"}"#, 400, "invalid_"), (done, #"{"count": -1, "by": "\#(cadre)"}"#, 400, "invalid_count"),
            (done, #"{"count": -0.5, "by": "\#(cadre)"}"#, 400, "invalid_count"),
            (done, #"{"count": 1, "by": "\#(cadre)", "cuont": 1}"#, 400, "未知字段 cuont"), (done, #"{"by": "\#(cadre)", "actor": "x"}"#, 400, "unknown_field"),
            (done, #"{"by": "\u0000"}"#, 400, "NUL"), (done, #"{"by": "a\u0001b"}"#, 400, "控制字符"), (done, #"{"by": "a\nb"}"#, 400, "控制字符"),
            (done, #"{"note": "x\u0000y", "by": "\#(cadre)"}"#, 400, "字段 note 含有 NUL 字符"),
            (done, #"{"note": "\u001b[31m", "by": "\#(cadre)"}"#, 400, "控制字符"), (done, #"{"by": ""}"#, 400, "missing_by"),
            (done, #"{"by": "   "}"#, 400, "missing_by"), (done, #"{"note": "\#(longText)", "by": "\#(cadre)"}"#, 400, "field_too_long"),
            (done, #"{"count": 3, "by": "NOBODY-9"}"#, 422, "unknown_official"),
            (waive, #"{"by": "\#(cadre)"}"#, 400, "缺少字段 reason"), (waive, #"{"reason": "", "by": "\#(cadre)"}"#, 400, "missing_reason"),
            (waive, #"{"reason": "x\u0000", "by": "\#(cadre)"}"#, 400, "NUL"), (waive, #"{"reason": 5, "by": "\#(cadre)"}"#, 400, "类型错误"),
            (waive, #"{"reason": "r", "by": "NOBODY-9"}"#, 422, "unknown_official"),
            (waive, #"{"reason": "r", "by": "\#(cadre)", "extra": 1}"#, 400, "unknown_field"),
            (waive, #"{"reason": "\#(longText)", "by": "\#(cadre)"}"#, 400, "field_too_long"),
            ("/api/v1/occurrences/\(server.plan.notYetOpenID)/done", #"{"by": "\#(cadre)"}"#, 409, "occurrence_not_open"),
        ]
        for (path, body, status, fragment) in bodies {
            add("body \(path.split(separator: "/").last!) \(body.prefix(40))", R.request("POST", path, headers: auth, body: Array(body.utf8)), status, fragment)
        }
        add("body invalid UTF-8", R.request("POST", done, headers: auth, body: Array(#"{"by": ""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)), 400, "invalid_json")

        // Sizes: over the limit by Content-Length and in full; cut short.
        add("API body over 32 KiB, unsent", R.request("POST", done, headers: auth, contentLength: 40_000), 413, "请求体超过 32 KiB")
        add("API body 1 GB announced", R.request("POST", done, headers: auth, contentLength: 1_000_000_000), 413, "body_too_large")
        add("API body over 32 KiB, sent",
            R.request("POST", done, headers: auth, body: Array(#"{"by": "\#(String(repeating: "x", count: 33_000))"}"#.utf8)), 413, "body_too_large")
        let chunk = String(repeating: "x", count: 40_000)
        add("API chunked body over 32 KiB",
            R.request("POST", done, headers: auth + [("Transfer-Encoding", "chunked")])
                + Array("\(String(chunk.utf8.count, radix: 16))\r\n\(chunk)\r\n0\r\n\r\n".utf8), 413, "body_too_large")
        add("API body truncated", R.request("POST", done, headers: auth, contentLength: 50) + Array("{\"by\":".utf8), 400, "truncated_body", shutdown: true)
        add("form over 64 KiB", R.request("POST", link, contentLength: 70_000), 413, "请求体超过 64 KiB")
        add("form truncated", R.request("POST", link, contentLength: 80) + Array("achieved=".utf8), 400, "请求体不完整", shutdown: true)

        // The confirmation form: refused without recording anything.
        let form = [("Content-Type", "application/x-www-form-urlencoded")]
        let forms: [(String, String, Int, String)] = [
            (link, "achieved=abc", 400, "完成数应为"), (link, "achieved=-1", 400, "完成数应为"), (link, "achieved=1e5", 400, "完成数应为"),
            (link, "achieved=1234567890123456", 400, "完成数应为"), (link, "achieved=1&achieved=2", 400, "重复"),
            (link, "note=%FF", 400, "无法识别"), (link, "note=%ZZ", 400, "无法识别"), (link, "note=%E4%B8", 400, "无法识别"),
            (link, "note=" + String(repeating: "%E5%AD%97", count: 2001), 400, "备注不能超过2000字"),
            (notYetOpenLink, "achieved=1", 409, "任务尚未开放"),
        ]
        for (path, body, status, fragment) in forms {
            add("form \(body.prefix(30))", R.request("POST", path, headers: form, body: Array(body.utf8)), status, fragment)
        }

        // Requests the HTTP decoder refuses itself: an empty 400.
        add("unknown method", Array("BREW /healthz HTTP/1.1\r\nHost: t\r\n\r\n".utf8), 400, nil)
        // A method the decoder knows and no route serves (QUERY, a new one): 405 on a path that exists, 404 elsewhere.
        add("QUERY on a known path", R.request("QUERY", "/api/v1/occurrences/1", headers: [HTTPFixture.bearer]), 405, "method_not_allowed")
        add("QUERY on an unknown path", R.request("QUERY", "/api/v1/nowhere", headers: [HTTPFixture.bearer]), 404, "not_found")
        add("bad Content-Length", Array("POST \(done) HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n".utf8), 400, nil)
        add("NUL in a header", Array("GET /healthz HTTP/1.1\r\nHost: t\r\nX-A: a".utf8) + [0] + Array("b\r\n\r\n".utf8), 400, nil)
        add("header over 80 KiB", Array("GET /healthz HTTP/1.1\r\nHost: t\r\nX-A: \(String(repeating: "a", count: 90_000))\r\n\r\n".utf8), 400, nil)
        return cases
    }

    @Test("at least 100 generated bad requests: each its status and message, the database unchanged")
    func badInput() async throws {
        try await HTTPFixture.with { server in
            let before = try await DatabaseDump.text(of: server.endpoint)
            let cases = try Self.cases(server)
            #expect(cases.count >= 100)
            print("bad-input cases: \(cases.count), with a message fragment: \(cases.filter { $0.fragment != nil }.count)")
            for item in cases {
                let answer = try server.send(item.request, shutdown: item.shutdown)
                #expect(answer.status == item.status, "\(item): \(answer.status) \(answer.body.prefix(300))")
                if let fragment = item.fragment {
                    #expect(answer.body.contains(fragment), "\(item): \(answer.body.prefix(300))")
                }
                HTTPHardeningTests.expectNoInternalText(answer, "\(item)")
            }
            #expect(try await DatabaseDump.text(of: server.endpoint) == before, "a refused request changed the database")
            #expect(await HTTPProbe.get(server.address, "/healthz")?.status == 200)
        }
    }
}
