import DixianCore
import DixianLinks
import DixianScheduling
import DixianStore
import Foundation
import HTTPTypes
import Hummingbird

extension LinkRoutes {
    /// How far back the feed reaches: recent deadlines stay visible for a quarter.
    static let calendarLookback: TimeInterval = 92 * 86_400

    /// `GET /ical/TOKEN.ics`: the official's deadlines with alarms at their reminders.
    func calendar(_ token: String) async -> Response {
        let claims: ActionLinkClaims
        do {
            claims = try links.signer.verifyCalendarFeedToken(token, now: now())
        } catch {
            return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "日历链接无效或已过期 (calendar link invalid or expired)\n")))
        }
        do {
            let (schedule, settings, now) = (self.schedule, self.settings(), self.now())
            let text = try await gate.run("calendar") { try await Self.feed(for: claims.officialID, schedule: schedule, settings: settings, now: now) }
            var headers = HTTPFields()
            headers[.contentType] = ICalendarWriter.contentType
            headers[.cacheControl] = "private, max-age=300"
            headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        } catch let error as DatabaseUnavailable {
            return APIError.unavailable(error).textResponse
        } catch {
            let id = ErrorID()
            logger.error("日历生成失败 (calendar feed failed)", metadata: ["error_id": "\(id)", "error": "\(error)"])
            return APIError.internalError(id).textResponse
        }
    }

    /// The iCalendar text of an official's feed (also `dixian duty ical`).
    public static func feed(for officialID: String, schedule: ScheduleStore, settings: WebSettings, now: Date) async throws -> String {
        let entries = try await schedule.calendarEntries(officialID: officialID, since: now.addingTimeInterval(-calendarLookback), now: now)
        let titles = Dictionary(
            settings.plugins.plugins.flatMap(\.duties).map { ($0.qualifiedID, $0.title) }, uniquingKeysWith: { first, _ in first })
        let events = entries.map { entry -> ICalendarEvent in
            let record = entry.occurrence
            let title = titles[record.dutyID] ?? record.dutyID
            let status: ICalendarEvent.Status = record.status == .done ? .done : (record.status == .waived ? .waived : .open)
            let description = "\(record.unitName) · \(record.periodLabel) · \(title)\n截止 \(record.dueDate) · 状态 \(record.status.chineseName)"
            return ICalendarEvent(
                uid: ICalendarEvent.uid(occurrenceKey: record.key),
                summary: ICalendarEvent.summary(dutyTitle: title, periodLabel: record.periodLabel),
                description: description, dueAt: record.dueAt, opensAt: record.opensAt, status: status,
                alarms: status == .open ? entry.reminderInstants.map { ICalendarEvent.Alarm(at: $0, description: "提醒:\(title)") } : [])
        }
        return ICalendarWriter(calendarName: "底线 工作任务", timeZoneID: settings.timeZone.identifier).write(events, generatedAt: now)
    }
}
