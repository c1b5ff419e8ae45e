import DixianCore
import DixianLinks
import DixianPlugins
import DixianScheduling
import DixianStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `GET|POST /a/TOKEN` (one-click confirmation from an email) and `GET /ical/TOKEN.ics` (calendar feed).
///
/// The token is the credential: signed, expiring, and for confirmation single use. `GET /a/…` only shows
/// the page (mail scanners open links); the `POST` of its form records completion, on behalf of the
/// official the link was made for, through the channel `link`.
public struct LinkRoutes: Sendable {
    let links: ActionLinks
    let schedule: ScheduleStore
    let settings: @Sendable () -> WebSettings
    let now: @Sendable () -> Date
    let gate: DatabaseGate
    let logger: Logger
    /// The monitoring procedure's desk, for the links of its clocks; nil: every link is a plain confirmation.
    let procedureDesk: (@Sendable () throws -> any ProcedureDesk)?

    /// The largest form body accepted: the form's own limit, which a note of 2,000 characters (at most
    /// about 18 KB percent-encoded) fits with room to spare.
    static let maximumBody = ConfirmationForm.maximumBodyLength

    public init(
        links: ActionLinks, schedule: ScheduleStore, settings: @escaping @Sendable () -> WebSettings,
        now: @escaping @Sendable () -> Date = Date.init, gate: DatabaseGate, logger: Logger,
        procedureDesk: (@Sendable () throws -> any ProcedureDesk)? = nil
    ) {
        self.procedureDesk = procedureDesk
        self.links = links
        self.schedule = schedule
        self.settings = settings
        self.now = now
        self.gate = gate
        self.logger = logger
    }

    /// Adds the routes to `router`.
    public func register<Context: RequestContext>(on router: Router<Context>) {
        let routes = self
        router.get(Self.confirmationRoute.routerPath()) { _, context in
            let token = try context.parameters.require("token")
            return await routes.answerPage { try await routes.gate.run("link page") { try await routes.showForm(token) } }
        }
        router.post(Self.confirmationRoute.routerPath()) { request, context in
            let token = try context.parameters.require("token")
            // The signature first: a forged or expired link is refused before its body is read.
            if let refusal = routes.refusal(token) { return Self.html(refusal.0, refusal.1) }
            let body: [UInt8]
            do throws(APIError) {
                body = Array(try await RequestBodyReader.read(request, limit: Self.maximumBody).readableBytesView)
            } catch {
                return error.textResponse
            }
            return await routes.answerPage { try await routes.gate.run("link confirm") { try await routes.confirm(token, body: body) } }
        }
        router.get(Self.calendarRoute.routerPath()) { _, context in
            await routes.calendar(try context.parameters.require("token"))
        }
        for route in Self.routes { router.refuseOtherMethods(route) }
    }

    static let confirmationRoute = HTTPRoute("/a/:token", [.get, .post])
    static let calendarRoute = HTTPRoute("/ical/:token", [.get])

    /// The signed-link routes: the confirmation page and form, and the calendar feed.
    public static let routes = [confirmationRoute, calendarRoute]

    /// A verified confirmation link and the occurrence it is for, or the page that refuses it.
    enum Resolution {
        case link(ActionLinkClaims, OccurrenceRecord, ConfirmationPage.Occurrence)
        case refused(HTTPResponse.Status, String)
    }

    /// The refusal page for a token whose signature or expiry fails, or nil for a valid one. No database.
    func refusal(_ token: String) -> (HTTPResponse.Status, String)? {
        do {
            _ = try links.signer.verifyConfirmToken(token, now: now())
            return nil
        } catch {
            return (.forbidden, page.renderResult(ConfirmationPage.Outcome(error)))
        }
    }

    /// Verifies the token, loads the occurrence and refuses a link that was used already.
    func resolve(_ token: String) async throws -> Resolution {
        let claims: ActionLinkClaims
        do {
            claims = try links.signer.verifyConfirmToken(token, now: now())
        } catch {
            return .refused(.forbidden, page.renderResult(ConfirmationPage.Outcome(error)))
        }
        guard let record = try await schedule.occurrence(id: claims.occurrenceID, now: now()) else {
            return .refused(.notFound, page.renderResult(.invalid))
        }
        let shown = self.presentation(record)
        if try await schedule.isLinkUsed(nonce: claims.nonce.hex) {
            return .refused(.conflict, page.renderResult(.alreadyUsed, occurrence: shown))
        }
        return .link(claims, record, shown)
    }

    func showForm(_ token: String) async throws -> (HTTPResponse.Status, String) {
        let (record, shown): (OccurrenceRecord, ConfirmationPage.Occurrence)
        switch try await resolve(token) {
        case .refused(let status, let html): return (status, html)
        case .link(_, let r, let s): (record, shown) = (r, s)
        }
        guard record.status == .open || record.status == .overdue else {
            return (.conflict, page.renderResult(.closed, occurrence: shown))
        }
        if record.opensAt > now() {
            return (.conflict, page.renderResult(.notYetOpen(opens: self.local(record.opensAt)), occurrence: shown))
        }
        if let procedure = try await procedureForm(record) { return procedure }
        return (.ok, page.renderForm(shown))
    }

    func confirm(_ token: String, body: [UInt8]) async throws -> (HTTPResponse.Status, String) {
        let (claims, record, shown): (ActionLinkClaims, OccurrenceRecord, ConfirmationPage.Occurrence)
        switch try await resolve(token) {
        case .refused(let status, let html): return (status, html)
        case .link(let c, let r, let s): (claims, record, shown) = (c, r, s)
        }
        guard record.status == .open || record.status == .overdue else {
            return (.conflict, page.renderResult(.closed, occurrence: shown))
        }
        if let procedure = try await procedureSubmit(claims, record, body: body) { return procedure }
        let form: ConfirmationForm
        do {
            form = try ConfirmationForm.parse(body)
        } catch {
            return (.badRequest, page.renderForm(shown, problem: error))
        }
        let completion = Completion(
            achieved: form.achieved, note: form.note, actor: claims.officialID, actorIsOfficial: true, channel: .link,
            at: now(), link: (nonce: claims.nonce.hex, expiresAt: claims.expiresAt))
        do {
            try await schedule.complete(occurrenceID: claims.occurrenceID, completion)
        } catch let error as StoreError {
            switch error.code {
            case .linkUsed: return (.conflict, page.renderResult(.alreadyUsed, occurrence: shown))
            case .occurrenceClosed: return (.conflict, page.renderResult(.closed, occurrence: shown))
            case .occurrenceNotOpen: return (.conflict, page.renderResult(.notYetOpen(opens: self.local(record.opensAt)), occurrence: shown))
            case .unknownOfficial: return (.forbidden, page.renderResult(.invalid, occurrence: shown))
            default: throw error
            }
        }
        logger.info("任务已确认完成 (occurrence done)", metadata: ["occurrence": "\(claims.occurrenceID)", "by": "\(claims.officialID)", "channel": "link"])
        return (.ok, page.renderResult(.confirmed(achieved: form.achieved), occurrence: shown))
    }

    /// Runs a page handler; a database outage is 503 with `Retry-After` and an error id, any other failure
    /// 500 with an error id, and neither shows the failure's text.
    func answerPage(_ body: () async throws -> (HTTPResponse.Status, String)) async -> Response {
        do {
            let (status, html) = try await body()
            return Self.html(status, html)
        } catch let error as DatabaseUnavailable {
            return APIError.unavailable(error).textResponse
        } catch {
            let id = ErrorID()
            logger.error("确认链接处理失败 (confirmation link failed)", metadata: ["error_id": "\(id)", "error": "\(error)"])
            return APIError.internalError(id).textResponse
        }
    }

    static func html(_ status: HTTPResponse.Status, _ html: String) -> Response {
        var headers = HTTPFields()
        for (name, value) in ConfirmationPage.responseHeaders {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    var page: ConfirmationPage {
        ConfirmationPage(footer: "底线 dixian · 防止返贫动态监测与工作提醒")
    }
}
