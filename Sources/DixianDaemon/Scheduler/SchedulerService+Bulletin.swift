import DixianStore
import Foundation
import Metrics

extension SchedulerService {
    /// On the planner leader, after a tick: issues the weekly bulletin when its weekday and hour have come. A
    /// failure is logged and counted; the next tick tries again, and a week is issued once.
    func issueBulletinIfDue(_ running: RunningConfiguration, now: Date) async {
        let issuer = BulletinIssuer(client: context.client, clock: context.options.clock, logger: context.logger)
        do {
            // Building a bulletin reads a year of the county's figures: a shutdown abandons it (the transaction
            // that records the week rolls back, and the next leader issues it), so SIGTERM never waits for it.
            guard let issued = try await abandoningOnShutdown({ try await issuer.issueIfDue(running, now: now) }),
                let week = issued
            else { return }
            Counter(label: "dixian_bulletins_issued_total").increment()
            context.logger.notice("已发布每周通报 (weekly bulletin issued)", metadata: ["week": "\(week)"])
        } catch {
            Counter(label: "dixian_bulletin_failures_total").increment()
            context.logger.error("每周通报发布失败 (bulletin failed)", metadata: ["error": "\(StoreError.explain(error))"])
        }
    }
}
