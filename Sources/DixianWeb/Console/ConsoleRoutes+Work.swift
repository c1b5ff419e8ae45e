import DixianConsole
import DixianCore
import DixianLinks
import DixianScheduling
import DixianStore
import Foundation
import HTTPTypes
import Hummingbird

extension ConsoleRoutes {
    /// `GET /console/work` (我的工作): the person's open duties, earliest due first, each with its confirm form,
    /// and the monitored households they help.
    func work(_ request: Request) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let at = now()
        let occurrences = try await store.openOccurrences(of: visitor.scope, now: at)
        let cases = visitor.scope.helperIDs.isEmpty ? [] : try await store.helpedCases(of: visitor.scope)
        let plugins = settings().plugins, zone = settings().timeZone
        let notice = request.uri.queryParameters["done"].flatMap { Int64(String($0)) }.map { _ in "已确认完成，相关提醒已取消。" }
        let view = WorkView(
            csrf: visitor.session.csrfToken, notice: notice, openCount: occurrences.count,
            occurrences: occurrences.map { record in
                WorkView.Item(
                    id: record.id, title: plugins.duty(qualifiedID: record.dutyID)?.title ?? record.dutyID, unit: record.unitName,
                    period: record.periodLabel, due: record.dueDate.description, overdue: record.status == .overdue,
                    daysOverdue: max(1, record.dueDate.days(until: at.localDate(in: zone))),
                    target: record.target.map { "\(record.targetComparison == "at_most" ? "不超过" : "不少于") \($0)" })
            },
            showCases: !visitor.scope.helperIDs.isEmpty, caseCount: cases.count,
            cases: cases.map { WorkView.Case(caseNumber: $0.caseNumber, unit: $0.unitName, stage: CaseRecord.stageText($0.stage), openedOn: $0.openedOn) })
        let html = renderer.page(title: "我的工作", user: user(visitor, current: Self.workRoute.path), template: "work", view: view)
        return ConsoleResponse.page(.ok, html)
    }

    /// `POST /console/occurrences/ID/done`: confirms an occurrence the person may see, as they would through its
    /// emailed link. Outside their scope, or not existing: 404, and nothing changes.
    func confirm(_ request: Request, occurrenceID: Int64?) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        guard let fields = try await formFields(request), hasSessionCSRF(visitor.session, fields) else { return forbidden() }
        let user = self.user(visitor, current: "")
        guard let occurrenceID, let record = try await store.occurrence(id: occurrenceID, in: visitor.scope, now: now()) else {
            return notFound(user)
        }
        let form: ConfirmationForm
        do {
            form = try ConfirmationForm.parse(fields: fields)
        } catch {
            return message(.badRequest, heading: "未能确认", text: error.message, next: .init(title: "返回我的工作", href: Self.workRoute.path), user: user)
        }
        // The official recorded is the occurrence's own when it is the person's, else the person's first row.
        let actor = record.officialID.flatMap { visitor.scope.officialIDs.contains($0) ? $0 : nil } ?? visitor.scope.officialIDs[0]
        do {
            try await schedule.complete(
                occurrenceID: record.id,
                Completion(achieved: form.achieved, note: form.note, actor: actor, actorIsOfficial: true, channel: .console, at: now()))
        } catch let error as StoreError where [StoreError.Code.occurrenceClosed, .occurrenceNotOpen].contains(error.code) {
            return message(.conflict, heading: "未能确认", text: "该任务已办结或尚未开始，无需确认。",
                           next: .init(title: "返回我的工作", href: Self.workRoute.path), user: user)
        }
        logger.info("任务已确认完成 (occurrence done)", metadata: ["occurrence": "\(record.id)", "by": "\(actor)", "channel": "console"])
        return ConsoleResponse.redirect(Self.workRoute.path + "?done=\(record.id)")
    }

    /// `GET /console/occurrences/ID`: an occurrence the person sees, how it stands, and while it is open its
    /// confirm form. Outside their scope, or not existing: 404.
    func occurrencePage(_ request: Request, occurrenceID: Int64?) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect(Self.signInRoute.path) }
        let user = self.user(visitor, current: "")
        let at = now()
        guard let occurrenceID, let record = try await store.occurrence(id: occurrenceID, in: visitor.scope, now: at) else { return notFound(user) }
        let zone = settings().timeZone
        var facts: [ConsoleCaseView.Fact] = [
            .init("单位", record.unitName), .init("周期", record.periodLabel), .init("截止", Self.local(record.dueAt, zone)),
            .init("开始", Self.local(record.opensAt, zone)), .init("状态", record.status.chineseName),
        ]
        if let target = record.target { facts.append(.init("目标", "\(record.targetComparison == "at_most" ? "不超过" : "不少于") \(target)")) }
        if let done = record.completedAt {
            facts.append(.init("完成", Self.local(done, zone) + (record.completedBy.map { " · \($0)" } ?? "")))
            if let achieved = record.achieved { facts.append(.init("完成数量", "\(achieved)")) }
            if let note = record.note, !note.isEmpty { facts.append(.init("备注", PersonalDataMask.maskingIDNumbers(in: note))) }
        }
        let view = OccurrencePageView(
            id: record.id, title: settings().plugins.duty(qualifiedID: record.dutyID)?.title ?? record.dutyID, unit: record.unitName,
            unitCode: record.unitCode.rawValue, facts: facts, canConfirm: [.open, .overdue].contains(record.status) && record.opensAt <= at,
            hasTarget: record.target != nil, csrf: visitor.session.csrfToken)
        return ConsoleResponse.page(.ok, renderer.page(title: view.title, user: user, template: "occurrence", view: view))
    }

    func notFound(_ user: ConsoleRenderer.User?) -> Response {
        message(.notFound, heading: "未找到", text: "没有找到该页面或事项，或您无权查看。", next: .init(title: "返回我的工作", href: Self.workRoute.path), user: user)
    }
}

struct WorkView {
    struct Item {
        var id: Int64
        var title: String
        var unit: String
        var period: String
        var due: String
        var overdue: Bool
        var daysOverdue: Int
        var target: String?
    }

    struct Case {
        var caseNumber: String
        var unit: String
        var stage: String
        var openedOn: String
    }

    var csrf: String
    var notice: String?
    var openCount: Int
    var occurrences: [Item]
    var showCases: Bool
    var caseCount: Int
    var cases: [Case]
}

struct OccurrencePageView {
    var id: Int64
    var title: String
    var unit: String
    var unitCode: String
    var facts: [ConsoleCaseView.Fact]
    var canConfirm: Bool
    var hasTarget: Bool
    var csrf: String
}
