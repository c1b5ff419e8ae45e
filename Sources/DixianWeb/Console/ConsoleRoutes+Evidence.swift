import DixianConsole
import DixianCore
import DixianLinks
import DixianStore
import Foundation
import HTTPTypes
import Hummingbird

/// 佐证材料 in the console: a file uploaded to a rectification problem from the browser (a photo taken on the
/// phone, a scanned page), and each stored file downloaded back. The same store call and limits as
/// `dixian ledger evidence`.
extension ConsoleRoutes {
    /// The largest upload body: the evidence limit and room for the form's other part and the delimiters.
    static let maximumUpload = LedgerStore.evidenceLimit + 64 * 1024

    /// `POST /console/ledger/NUMBER/evidence` (`multipart/form-data`: `csrf`, `file`). All or nothing: a body that
    /// is too large, malformed, without its CSRF token, or without a file stores nothing.
    func addEvidence(_ request: Request, number: String) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let form: MultipartFormData
        switch try await uploadedForm(request) {
        case .tooLarge:
            return try await ledgerProblemPage(
                request, number: number, problem: "文件超过 10 MiB，未上传。请压缩图片或分成几个文件。", status: .contentTooLarge)
        case .unreadable: return forbidden()
        case .form(let read): form = read
        }
        guard let csrf = form.field("csrf"), hasSessionCSRF(visitor.session, ["csrf": csrf]) else { return forbidden() }
        let (unit, documents): (ConsoleStore.ScopedUnit, any ConsoleDocuments)
        switch try await writableProblem(number, for: visitor) {
        case .refused(let answer): return answer
        case .allowed(let u, let d): (unit, documents) = (u, d)
        }
        guard let file = form.file("file"), let name = file.fileName, !name.isEmpty, !file.body.isEmpty else {
            return try await ledgerProblemPage(request, number: number, problem: "请选择要上传的文件（不能为空文件）。")
        }
        guard file.body.count <= LedgerStore.evidenceLimit else {
            return try await ledgerProblemPage(
                request, number: number, problem: "文件超过 10 MiB，未上传。请压缩图片或分成几个文件。", status: .contentTooLarge)
        }
        let actor = visitor.actor(at: unit.code)
        let stored = try await documents.ledger.addEvidence(
            number: number, fileName: name, contentType: Self.mediaType(file.contentType), bytes: file.body,
            entry: LedgerEntry(actor: actor, channel: .console, at: now()))
        logger.info("佐证材料已上传 (evidence uploaded)", metadata: [
            "problem": "\(number)", "by": "\(actor)", "bytes": "\(stored.size)", "sha256": "\(stored.sha256)", "channel": "console",
        ])
        return try await ledgerProblemPage(request, number: number, notice: "已上传 \(PersonalDataMask.maskingIDNumbers(in: stored.fileName))。")
    }

    /// `GET /console/ledger/NUMBER/evidence/ID`: one stored file, as an attachment (never shown inline, so an
    /// uploaded HTML page cannot run in the console's origin).
    func evidenceFile(_ request: Request, number: String, id: Int64?) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: Self.ledgerRoute.path)
        guard let id, try await store.ledgerProblemUnit(number: number, in: visitor.scope) != nil, let documents = try documents?(),
              let (file, bytes) = try await documents.ledger.evidenceContent(number: number, id: id)
        else { return notFound(user) }
        return ConsoleResponse.download(
            bytes, filename: PersonalDataMask.maskingIDNumbers(in: file.fileName), contentType: Self.mediaType(file.contentType))
    }

    enum Upload {
        case form(MultipartFormData)
        case tooLarge
        case unreadable
    }

    func uploadedForm(_ request: Request) async throws -> Upload {
        guard let boundary = request.headers[.contentType].flatMap(MultipartFormData.boundary(contentType:)) else { return .unreadable }
        let body: ByteBuffer
        do throws(APIError) {
            body = try await RequestBodyReader.read(request, limit: Self.maximumUpload)
        } catch {
            return error.status == .contentTooLarge ? .tooLarge : .unreadable
        }
        guard let form = try? MultipartFormData.parse(Array(body.readableBytesView), boundary: boundary) else { return .unreadable }
        return .form(form)
    }

    /// A declared media type kept when it is a plain `type/subtype`, else `application/octet-stream`.
    static func mediaType(_ declared: String?) -> String {
        guard let declared, let essence = declared.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
              essence.count <= 100, essence.split(separator: "/", omittingEmptySubsequences: false).count == 2,
              essence.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/.+-_".contains($0)) })
        else { return "application/octet-stream" }
        return essence
    }
}
