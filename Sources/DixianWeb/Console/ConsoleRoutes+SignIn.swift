import DixianConsole
import DixianLinks
import DixianStore
import Foundation
import HTTPTypes
import Hummingbird

extension ConsoleRoutes {
    /// The same answer for every accepted request, registered address or not.
    static let linkSentNotice = "如果该邮箱已在组织架构中登记，登录链接已发送到该邮箱，15 分钟内有效。请查收邮件并点击链接登录。"

    /// `GET /console`: the work page when signed in, else the sign-in form.
    func home(_ request: Request) async throws -> Response {
        if try await signedIn(request) != nil { return ConsoleResponse.redirect(Self.workRoute.path) }
        return ConsoleResponse.redirect(Self.signInRoute.path)
    }

    /// `GET /console/sign-in`: the email form, with a CSRF cookie and its twin in the form.
    func signInForm(_ request: Request, notice: String? = nil, problem: String? = nil, email: String = "",
                    status: HTTPResponse.Status = .ok) -> Response {
        let (token, cookie) = preSessionCSRF(request)
        let view = SignInView(csrf: token.value, notice: notice, problem: problem, email: email)
        let html = renderer.page(title: "登录", user: nil, template: "sign-in", view: view)
        return ConsoleResponse.page(status, html, cookies: cookie.map { [$0] } ?? [])
    }

    /// `POST /console/sign-in`: queues a sign-in link to the address's official, if it is one. Limited per client
    /// address and per email address; the answer never tells whether the address is registered.
    func requestSignIn(_ request: Request, address: String) async throws -> Response {
        guard let fields = try await formFields(request), hasPreSessionCSRF(request, fields) else { return forbidden() }
        let email = (fields["email"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.looksLikeEmail(email) else {
            return signInForm(request, problem: "请输入有效的邮箱地址。", email: email, status: .badRequest)
        }
        let at = now()
        let account = SecretToken.digest(email.lowercased())
        switch limiter.withLockedValue({ $0.admit(address: address, village: account, at: at) }) {
        case .admit: break
        case .tooManyFromAddress(let retryAfter), .tooManyForVillage(let retryAfter):
            var response = signInForm(request, problem: "登录请求过于频繁，请稍后再试。", email: email, status: .tooManyRequests)
            response.headers[.retryAfter] = String(retryAfter)
            return response
        }
        let officials = try await store.officials(email: email)
        guard let first = officials.first else { return signInForm(request, notice: Self.linkSentNotice) }
        let base = settings().baseURL
        let mailed = try await store.mailSignInLink(
            officialIDs: officials.map(\.id), at: at, lifetime: policy.signInLinkLifetime, actor: first.id, channel: "console",
            compose: { token in try composeMail(first, Self.signInLink(base: base, token: token)) })
        if mailed {
            logger.info("工作台登录链接已发送 (console sign-in link queued)", metadata: ["official": "\(first.id)"])
        } else {
            // The person is told the same as anyone; the operator learns why no email came.
            logger.warning(
                "工作台登录链接无法发送: 没有可达该干部的邮件渠道, 可用 dixian console link 生成 (no email channel reaches the official)",
                metadata: ["official": "\(first.id)"])
        }
        return signInForm(request, notice: Self.linkSentNotice)
    }

    /// `GET /console/sign-in/TOKEN`: a button that signs in. The GET changes nothing, because mail scanners open
    /// every link in a message; the link is checked only when the button's form is posted.
    func signInLinkForm(_ request: Request, token: String) -> Response {
        let (csrf, cookie) = preSessionCSRF(request)
        let html = renderer.page(title: "登录", user: nil, template: "sign-in-link", view: SignInLinkView(csrf: csrf.value))
        return ConsoleResponse.page(.ok, html, cookies: cookie.map { [$0] } ?? [])
    }

    /// `POST /console/sign-in/TOKEN`: redeems the link, sets the session cookie and goes to 我的工作.
    func redeem(_ request: Request, token: String) async throws -> Response {
        guard let fields = try await formFields(request), hasPreSessionCSRF(request, fields) else { return forbidden() }
        guard let link = SecretToken(token) else { return refusedLink() }
        switch try await store.redeem(link, at: now()) {
        case .failure: return refusedLink()
        case .success(let signIn):
            logger.info("工作台已登录 (console signed in)", metadata: ["official": "\(signIn.session.officialIDs[0])"])
            let secure = settings().secure
            return ConsoleResponse.redirect(
                Self.workRoute.path,
                cookies: [ConsoleResponse.session(signIn.secret, secure: secure, policy: policy),
                          ConsoleResponse.expired(ConsoleResponse.csrfCookie, secure: secure)])
        }
    }

    /// `POST /console/sign-out` and `/console/sign-out-everywhere`.
    func signOut(_ request: Request, everywhere: Bool) async throws -> Response {
        guard let (secret, session) = try await signedIn(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        guard let fields = try await formFields(request), hasSessionCSRF(session, fields) else { return forbidden() }
        if everywhere {
            try await store.signOutEverywhere(officialIDs: session.officialIDs, actor: session.officialIDs[0], at: now())
        } else {
            try await store.signOut(secret, at: now())
        }
        let secure = settings().secure
        return ConsoleResponse.redirect(Self.signInRoute.path, cookies: [ConsoleResponse.expired(ConsoleResponse.sessionCookie, secure: secure)])
    }

    /// The link an email carries: `BASE/console/sign-in/TOKEN`.
    public static func signInLink(base: String, token: SecretToken) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/console/sign-in/" + token.value
    }

    func refusedLink() -> Response {
        message(.forbidden, heading: "登录链接无效", text: "该登录链接已使用、已过期或不存在。请重新申请登录链接。",
                next: .init(title: "重新登录", href: Self.signInRoute.path))
    }

    /// 403 for a form without its CSRF token: nothing was changed.
    func forbidden() -> Response {
        message(.forbidden, heading: "无法提交", text: "表单已失效（缺少或不匹配的安全令牌），未作任何更改。请返回页面刷新后重试。",
                next: .init(title: "返回工作台", href: "/console/"))
    }

    /// A short page with one message and an optional link onwards.
    func message(_ status: HTTPResponse.Status, heading: String, text: String, next: MessageView.Next? = nil,
                 user: ConsoleRenderer.User? = nil) -> Response {
        let view = MessageView(heading: heading, text: text, isProblem: status.code >= 400, next: next)
        return ConsoleResponse.page(status, renderer.page(title: heading, user: user, template: "message", view: view))
    }

    /// The request's pre-session CSRF token, or a new one with the cookie that sets it.
    private func preSessionCSRF(_ request: Request) -> (SecretToken, Cookie?) {
        if let value = request.cookies[ConsoleResponse.csrfCookie]?.value, let token = SecretToken(value) { return (token, nil) }
        let token = SecretToken()
        return (token, ConsoleResponse.csrf(token, secure: settings().secure))
    }

    private func hasPreSessionCSRF(_ request: Request, _ fields: [String: String]) -> Bool {
        guard let cookie = request.cookies[ConsoleResponse.csrfCookie]?.value, let token = SecretToken(cookie),
              let submitted = fields["csrf"] else { return false }
        return token.matches(submitted)
    }

    /// A very loose check (something@something.something, no spaces, at most 254 bytes): the directory decides.
    static func looksLikeEmail(_ text: String) -> Bool {
        guard text.utf8.count <= 254, !text.contains(where: \.isWhitespace) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }
}

struct SignInView {
    var csrf: String
    var notice: String?
    var problem: String?
    var email: String
}

struct SignInLinkView {
    var csrf: String
}

struct MessageView {
    struct Next {
        var title: String
        var href: String
    }

    var heading: String
    var text: String
    var isProblem: Bool
    var next: Next?
}
