import DixianConsole
import Foundation
import HTTPTypes
import Hummingbird

/// The console's answers: pages with the security headers every page carries, redirects after a form, the
/// stylesheet, and the session and CSRF cookies.
enum ConsoleResponse {
    /// No script at all yet, styles from the daemon only, forms to this origin only, never in a frame.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static let sessionCookie = "console_session"
    static let csrfCookie = "console_csrf"
    static let cookiePath = "/console"
    /// The session cookie goes with every path: the JSON API under `/api/v1` answers a session too, scoped.
    static let sessionCookiePath = "/"

    static func page(_ status: HTTPResponse.Status, _ html: String, cookies: [Cookie] = []) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// 303 See Other to `location` (a path of this console), after a form.
    static func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
        var headers = securityHeaders
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        var response = Response(status: .seeOther, headers: headers)
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// A file to save: its Chinese name as RFC 6266's `filename*` (UTF-8, percent-encoded), an ASCII stand-in
    /// for clients that know only `filename`; never cached.
    static func download(_ bytes: [UInt8], filename: String, contentType: String) -> Response {
        var headers = securityHeaders
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        // The plain fallback keeps only a short alphanumeric extension: an uploaded file's name may hold quotes.
        let suffix = filename.split(separator: ".").last.map { String($0.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(8)) }
        let fallback = "dixian." + (suffix.flatMap { $0.isEmpty ? nil : $0 } ?? "bin")
        headers[.contentDisposition] = "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(percentEncoded(filename))"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// RFC 5987's attr-char kept, every other byte of the UTF-8 percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        let kept = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        return text.utf8.map { kept.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
    }

    /// The stylesheet; its address carries its version, so it may be cached for a year.
    static func stylesheet() -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/css; charset=utf-8"
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        headers[.eTag] = "\"\(ConsoleStyle.version)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: ConsoleStyle.css)))
    }

    static var securityHeaders: HTTPFields {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        // Sign-in links carry their token in the path: no page of the console sends a Referer.
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("X-Robots-Tag")!] = "noindex, nofollow"
        return headers
    }

    /// The session cookie: HttpOnly, SameSite=Lax, Secure behind https, for the console and the JSON API. It lasts
    /// as long as the session can (the server ends it sooner when idle).
    static func session(_ secret: SecretToken, secure: Bool, policy: SessionPolicy) -> Cookie {
        Cookie(
            name: sessionCookie, value: secret.value, maxAge: Int(policy.absoluteLifetime), path: sessionCookiePath, secure: secure,
            httpOnly: true, sameSite: .lax)
    }

    /// The pre-sign-in CSRF cookie, whose value the sign-in forms repeat (double submit).
    static func csrf(_ token: SecretToken, secure: Bool) -> Cookie {
        Cookie(name: csrfCookie, value: token.value, maxAge: 3600, path: cookiePath, secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// A cookie that deletes `name`.
    static func expired(_ name: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: name == sessionCookie ? sessionCookiePath : cookiePath, secure: secure, httpOnly: true, sameSite: .lax)
    }
}
