import DixianConsole
import DixianCore
import DixianDirectory
import DixianPlugins
import DixianStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOConcurrencyHelpers

/// The web console (工作台) under `/console`: sign-in by an emailed link, then each official's own work.
///
/// Every page is server-rendered HTML that works without JavaScript. A session is a random cookie whose hash
/// PostgreSQL keeps (``ConsoleStore``); every form carries a CSRF token (the session's, or before sign-in a
/// cookie's twin); what a page shows comes from queries scoped by the person's ``AccessScope`` in SQL, and an
/// object outside it answers 404 as one that does not exist does.
public struct ConsoleRoutes: Sendable {
    /// What the routes read of the running configuration, per request (a reload changes it).
    public struct Settings: Sendable {
        public var plugins: PluginSet
        public var timeZone: TimeZone
        /// Whether the console is served over https (`links.base_url`): cookies are then `Secure`.
        public var secure: Bool
        /// The address sign-in links start with, e.g. `https://dixian.example.gov.cn`.
        public var baseURL: String

        public init(plugins: PluginSet, timeZone: TimeZone, secure: Bool, baseURL: String) {
            self.plugins = plugins
            self.timeZone = timeZone
            self.secure = secure
            self.baseURL = baseURL
        }
    }

    /// Composes the email that carries a sign-in link to an official; nil when no email channel reaches them.
    public typealias MailComposer = @Sendable (_ official: Official, _ link: String) throws -> ConsoleStore.SignInMail?

    let store: ConsoleStore
    let schedule: ScheduleStore
    let outbox: OutboxStore
    /// The daemon's reports and ledger workbook (nil: the ledger and report pages answer 404).
    let documents: (@Sendable () throws -> any ConsoleDocuments)?
    /// The stored overrides' desk (nil: the 本部门配置 pages answer 404).
    let overrides: (@Sendable () throws -> any OverrideDesk)?
    /// The operator's API token (`api.token_file`), nil while the token API is off.
    let apiToken: @Sendable () -> Secret<String>?
    /// The monitoring procedure's desk, set up from the running governance plugin (nil: the cases and signals
    /// pages answer 404).
    let procedureDesk: (@Sendable () throws -> any ProcedureDesk)?
    let settings: @Sendable () -> Settings
    let composeMail: MailComposer
    let policy: SessionPolicy
    let renderer = ConsoleRenderer()
    let limiter: NIOLockedValueBox<SubmissionLimiter>
    let now: @Sendable () -> Date
    let gate: DatabaseGate
    let logger: Logger

    public init(
        store: ConsoleStore, schedule: ScheduleStore, outbox: OutboxStore, settings: @escaping @Sendable () -> Settings,
        composeMail: @escaping MailComposer, procedureDesk: (@Sendable () throws -> any ProcedureDesk)? = nil,
        documents: (@Sendable () throws -> any ConsoleDocuments)? = nil, overrides: (@Sendable () throws -> any OverrideDesk)? = nil, apiToken: @escaping @Sendable () -> Secret<String>? = { nil },
        policy: SessionPolicy = .standard, now: @escaping @Sendable () -> Date = Date.init, gate: DatabaseGate, logger: Logger
    ) {
        self.store = store
        self.schedule = schedule
        self.outbox = outbox
        self.procedureDesk = procedureDesk
        self.documents = documents
        self.overrides = overrides
        self.apiToken = apiToken
        self.settings = settings
        self.composeMail = composeMail
        self.policy = policy
        // The self-declaration limiter's two keys serve here as client address and email address.
        self.limiter = NIOLockedValueBox(SubmissionLimiter(
            perAddress: policy.requestsPerAddress, perVillage: policy.requestsPerAccount, window: policy.requestWindow))
        self.now = now
        self.gate = gate
        self.logger = logger
    }

    static let homeRoute = HTTPRoute("/console", [.get])
    static let styleRoute = HTTPRoute("/console/static/console.css", [.get])
    static let signInRoute = HTTPRoute("/console/sign-in", [.get, .post])
    static let signInLinkRoute = HTTPRoute("/console/sign-in/:token", [.get, .post])
    static let signOutRoute = HTTPRoute("/console/sign-out", [.post])
    static let signOutEverywhereRoute = HTTPRoute("/console/sign-out-everywhere", [.post])
    static let workRoute = HTTPRoute("/console/work", [.get])
    static let overviewRoute = HTTPRoute("/console/overview", [.get])
    static let signalsRoute = HTTPRoute("/console/signals", [.get])
    static let pluginsRoute = HTTPRoute("/console/plugins", [.get])
    static let pluginRoute = HTTPRoute("/console/plugins/:id", [.get])
    static let pluginPreviewRoute = HTTPRoute("/console/plugins/:id/preview", [.get])
    static let occurrenceRoute = HTTPRoute("/console/occurrences/:id", [.get])
    static let occurrenceDoneRoute = HTTPRoute("/console/occurrences/:id/done", [.post])
    static let signalRoute = HTTPRoute("/console/signals/:id", [.get])
    static let signalVerifyRoute = HTTPRoute("/console/signals/:id/verify", [.post])
    static let casesRoute = HTTPRoute("/console/cases", [.get])
    static let caseRoute = HTTPRoute("/console/cases/:id", [.get])
    static let caseStepRoute = HTTPRoute("/console/cases/:id/:step", [.post])
    static let ledgerRoute = HTTPRoute("/console/ledger", [.get])
    static let ledgerExportRoute = HTTPRoute("/console/ledger.xlsx", [.get])
    static let ledgerProblemRoute = HTTPRoute("/console/ledger/:number", [.get])
    static let ledgerProgressRoute = HTTPRoute("/console/ledger/:number/progress", [.post])
    static let ledgerEvidenceRoute = HTTPRoute("/console/ledger/:number/evidence", [.post])
    static let ledgerEvidenceFileRoute = HTTPRoute("/console/ledger/:number/evidence/:id", [.get])
    static let reportsRoute = HTTPRoute("/console/reports", [.get])
    static let reportDownloadRoute = HTTPRoute("/console/reports/download", [.get])
    static let outboxRoute = HTTPRoute("/console/outbox", [.get])
    static let outboxRetryRoute = HTTPRoute("/console/outbox/:id/retry", [.post])

    /// The console's routes.
    public static let routes = [
        homeRoute, styleRoute, signInRoute, signInLinkRoute, signOutRoute, signOutEverywhereRoute, workRoute,
        overviewRoute, signalsRoute, pluginsRoute, pluginRoute, pluginPreviewRoute,
        occurrenceRoute, occurrenceDoneRoute, signalRoute, signalVerifyRoute,
        casesRoute, caseRoute, caseStepRoute, ledgerRoute, ledgerExportRoute, ledgerProblemRoute, ledgerProgressRoute,
        ledgerEvidenceRoute, ledgerEvidenceFileRoute, reportsRoute,
        reportDownloadRoute, outboxRoute, outboxRetryRoute, overviewAPIRoute,
    ] + overrideRoutes

    /// The largest form body the console reads (a note of 2,000 characters fits many times over).
    static let maximumBody = 64 * 1024

    /// Adds the routes to `router`.
    public func register<Context: RequestContext & RemoteAddressRequestContext>(on router: Router<Context>) {
        let routes = self
        // Hummingbird matches `/console/` here too.
        router.get(Self.homeRoute.routerPath()) { request, _ in
            await routes.answer { try await routes.home(request) }
        }
        router.get(Self.styleRoute.routerPath()) { _, _ in ConsoleResponse.stylesheet() }
        router.get(Self.signInRoute.routerPath()) { request, _ in routes.signInForm(request) }
        router.post(Self.signInRoute.routerPath()) { request, context in
            await routes.answer { try await routes.requestSignIn(request, address: context.remoteAddress?.ipAddress ?? "unknown") }
        }
        router.get(Self.signInLinkRoute.routerPath()) { request, context in
            routes.signInLinkForm(request, token: try context.parameters.require("token"))
        }
        router.post(Self.signInLinkRoute.routerPath()) { request, context in
            let token = try context.parameters.require("token")
            return await routes.answer { try await routes.redeem(request, token: token) }
        }
        router.post(Self.signOutRoute.routerPath()) { request, _ in
            await routes.answer { try await routes.signOut(request, everywhere: false) }
        }
        router.post(Self.signOutEverywhereRoute.routerPath()) { request, _ in
            await routes.answer { try await routes.signOut(request, everywhere: true) }
        }
        router.get(Self.workRoute.routerPath()) { request, _ in
            await routes.answer { try await routes.work(request) }
        }
        router.get(Self.overviewRoute.routerPath()) { request, _ in
            await routes.answer { try await routes.overview(request) }
        }
        router.get(Self.signalsRoute.routerPath()) { request, _ in
            await routes.answer { try await routes.signals(request) }
        }
        router.get(Self.pluginsRoute.routerPath()) { request, _ in
            await routes.answer { try await routes.plugins(request) }
        }
        router.get(Self.pluginRoute.routerPath()) { request, context in
            let id = try context.parameters.require("id")
            return await routes.answer { try await routes.plugin(request, id: id) }
        }
        router.get(Self.pluginPreviewRoute.routerPath()) { request, context in
            let id = try context.parameters.require("id")
            return await routes.answer(bounded: false) { try await routes.pluginPreview(request, id: id) }
        }
        router.get(Self.occurrenceRoute.routerPath()) { request, context in
            let id = context.parameters.get("id", as: Int64.self)
            return await routes.answer { try await routes.occurrencePage(request, occurrenceID: id) }
        }
        router.post(Self.occurrenceDoneRoute.routerPath()) { request, context in
            let id = context.parameters.get("id", as: Int64.self)
            return await routes.answer { try await routes.confirm(request, occurrenceID: id) }
        }
        registerMonitoring(on: router)
        registerDocuments(on: router)
        registerOverrides(on: router)
        router.get(Self.outboxRoute.routerPath()) { request, _ in
            await routes.answer { try await routes.outboxPage(request) }
        }
        router.post(Self.outboxRetryRoute.routerPath()) { request, context in
            let id = context.parameters.get("id", as: Int64.self)
            return await routes.answer { try await routes.retry(request, messageID: id) }
        }
        router.get(Self.overviewAPIRoute.routerPath()) { request, _ in
            await routes.answerJSON { try await routes.overviewAPI(request) }
        }
        for route in Self.routes { router.refuseOtherMethods(route) }
    }

    /// Runs a handler behind the database gate; an outage is 503 with `Retry-After`, any other failure 500 with
    /// an error id, and neither shows the failure's text.
    func answer(_ body: @escaping @Sendable () async throws -> Response) async -> Response {
        await answer(bounded: true, body)
    }

    /// `bounded: false` for a page whose time is planning work of its own rather than database calls (the
    /// reminder preview): the gate's database deadline would call a busy CPU a database timeout.
    func answer(bounded: Bool, _ body: @escaping @Sendable () async throws -> Response) async -> Response {
        do {
            return try await bounded ? gate.run("console", body) : gate.runUnbounded("console", body)
        } catch let error as DatabaseUnavailable {
            return APIError.unavailable(error).textResponse
        } catch {
            let id = ErrorID()
            logger.error("工作台请求失败 (console request failed)", metadata: ["error_id": "\(id)", "error": "\(error)"])
            return APIError.internalError(id).textResponse
        }
    }
}
