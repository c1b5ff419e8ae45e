import DixianCore
import DixianLinks
import DixianScheduling
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOConcurrencyHelpers

/// `GET|POST /apply/TOKEN`: the public self-declaration form (农户自主申报) a village's poster links to.
///
/// No login: the poster's token names the village and nothing else. So the form is guarded the other way:
/// floods are refused per address and per village before the body is read, bodies over
/// ``SelfDeclarationForm/maximumBodyLength`` are refused unread, a submission is stored whole or not at all
/// (one transaction with its verification clock), and no page ever shows what was typed.
public struct ApplyRoutes: Sendable {
    /// The village a poster is for.
    public struct Village: Sendable, Hashable {
        public var code: String
        public var fullName: String
        public init(code: String, fullName: String) {
            self.code = code
            self.fullName = fullName
        }
    }

    /// The village whose poster carries the token, nil for none.
    public typealias VillageFinder = @Sendable (_ token: String) async throws -> Village?
    /// Stores the declaration as a signal of source `self` with the receipt number, in one transaction.
    public typealias Submitter = @Sendable (_ village: Village, _ form: SelfDeclarationForm, _ receipt: String) async throws -> Void

    let findVillage: VillageFinder
    let submit: Submitter
    let difficulties: [String]
    let verifyDays: @Sendable () -> Int
    let footer: @Sendable () -> String?
    let limiter: NIOLockedValueBox<SubmissionLimiter>
    let now: @Sendable () -> Date
    /// The zone the receipt's date is in.
    let zone: @Sendable () -> TimeZone
    let gate: DatabaseGate
    let logger: Logger

    public init(
        findVillage: @escaping VillageFinder, submit: @escaping Submitter, difficulties: [String],
        verifyDays: @escaping @Sendable () -> Int, footer: @escaping @Sendable () -> String?,
        perAddressPerHour: Int = 5, perVillagePerHour: Int = 100,
        now: @escaping @Sendable () -> Date = Date.init, zone: @escaping @Sendable () -> TimeZone, gate: DatabaseGate, logger: Logger
    ) {
        self.zone = zone
        self.findVillage = findVillage
        self.submit = submit
        self.difficulties = difficulties
        self.verifyDays = verifyDays
        self.footer = footer
        self.limiter = NIOLockedValueBox(SubmissionLimiter(perAddress: perAddressPerHour, perVillage: perVillagePerHour))
        self.now = now
        self.gate = gate
        self.logger = logger
    }

    static let route = HTTPRoute("/apply/:token", [.get, .post])
    /// The public form's route.
    public static let routes = [route]

    public func register<Context: RemoteAddressRequestContext>(on router: Router<Context>) {
        let routes = self
        router.get(Self.route.routerPath()) { _, context in
            let token = try context.parameters.require("token")
            return await routes.answer {
                guard let village = try await routes.gate.run("apply page", { try await routes.findVillage(token) }) else {
                    return routes.unknownPoster()
                }
                return (.ok, routes.page(village).renderForm())
            }
        }
        router.post(Self.route.routerPath()) { request, context in
            let token = try context.parameters.require("token")
            let address = context.remoteAddress?.ipAddress ?? "unknown"
            return await routes.answer { try await routes.receive(request, token: token, address: address) }
        }
        for route in Self.routes { router.refuseOtherMethods(route) }
    }

    func receive(_ request: Request, token: String, address: String) async throws -> (HTTPResponse.Status, String, HTTPFields) {
        guard let village = try await gate.run("apply find", { try await findVillage(token) }) else {
            let (status, html) = unknownPoster()
            return (status, html, [:])
        }
        let page = self.page(village)
        switch limiter.withLockedValue({ $0.admit(address: address, village: village.code, at: now()) }) {
        case .admit: break
        case .tooManyFromAddress(let seconds), .tooManyForVillage(let seconds):
            logger.notice("自主申报过于频繁，已拒绝 (self-declaration flood refused)", metadata: ["village": "\(village.code)"])
            return (.tooManyRequests, page.renderRefusal("提交过于频繁", "提交次数过多，请\(max(1, seconds / 60))分钟后再试，或直接联系村委会。"),
                    [.retryAfter: String(seconds)])
        }
        let body: [UInt8]
        do throws(APIError) {
            body = Array(try await RequestBodyReader.read(request, limit: SelfDeclarationForm.maximumBodyLength).readableBytesView)
        } catch {
            let message = error.status == .contentTooLarge
                ? "提交的内容过大，请把情况说明写短一些（\(SelfDeclarationForm.maximumDescriptionLength)字以内）。" : "提交的内容不完整，请重新填写。"
            return (error.status, page.renderForm(problem: message), [:])
        }
        let form: SelfDeclarationForm
        do {
            form = try SelfDeclarationForm.parse(body, difficulties: difficulties)
        } catch {
            return (.badRequest, page.renderForm(problem: error.message), [:])
        }
        let receipt = Self.receipt(on: now().localDate(in: zone()))
        try await gate.run("apply submit") { try await submit(village, form, receipt) }
        logger.info("收到农户自主申报 (self-declaration received)", metadata: ["village": "\(village.code)", "receipt": "\(receipt)"])
        return (.ok, page.renderReceipt(receipt), [:])
    }

    /// `SB` + the date + 6 random characters (no 0/O, 1/I): unique in practice, and the database's unique
    /// index refuses the rare repeat, which the sender sees as an error to retry.
    static func receipt(on date: CalendarDate) -> String {
        let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        var generator = SystemRandomNumberGenerator()
        let suffix = String((0..<6).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
        return "SB" + date.description.replacingOccurrences(of: "-", with: "") + "-" + suffix
    }

    func page(_ village: Village) -> SelfDeclarationPage {
        SelfDeclarationPage(villageName: village.fullName, difficulties: difficulties, verifyDays: verifyDays(), footer: footer())
    }

    func unknownPoster() -> (HTTPResponse.Status, String) {
        let page = SelfDeclarationPage(villageName: "", difficulties: [], verifyDays: 0, footer: footer())
        return (.notFound, page.renderRefusal("链接无效", "此申报链接无效或已停用，请联系村委会或乡镇。"))
    }

    func answer(_ body: () async throws -> (HTTPResponse.Status, String)) async -> Response {
        await answer { () async throws -> (HTTPResponse.Status, String, HTTPFields) in
            let (status, html) = try await body()
            return (status, html, [:])
        }
    }

    /// A page, or for an outage 503 and for any other failure 500, with an error id and without its text.
    func answer(_ body: () async throws -> (HTTPResponse.Status, String, HTTPFields)) async -> Response {
        do {
            let (status, html, extra) = try await body()
            var response = LinkRoutes.html(status, html)
            response.headers.append(contentsOf: extra)
            return response
        } catch let error as DatabaseUnavailable {
            return APIError.unavailable(error).textResponse
        } catch {
            let id = ErrorID()
            logger.error("自主申报处理失败 (self-declaration failed)", metadata: ["error_id": "\(id)", "error": "\(error)"])
            return APIError.internalError(id).textResponse
        }
    }
}
