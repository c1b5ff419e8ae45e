import DixianCore
import DixianDirectory
import DixianPlugins
import DixianReports
import DixianStore
import DixianTabular
import Foundation
import Logging
import PostgresNIO

/// The rectification ledger's one way in for the CLI (and later the console): the store, the campaigns the
/// plugins declare, and the directory that names the unit in a ledger's title.
public struct LedgerDesk: Sendable {
    public let store: LedgerStore
    let client: PostgresClient
    let running: RunningConfiguration
    let clock: any WallClock
    let logger: Logger

    public init(client: PostgresClient, running: RunningConfiguration, logger: Logger, clock: any WallClock = SystemWallClock()) {
        self.store = LedgerStore(client: client, logger: logger)
        self.client = client
        self.running = running
        self.clock = clock
        self.logger = logger
    }

    public var zone: TimeZone { running.configuration.zone }

    /// Today, locally.
    public var today: CalendarDate { clock.now().localDate(in: zone) }

    /// Every declared campaign (专项整改).
    public var campaigns: [Campaign] { running.plugins.campaigns }

    /// An entry made now.
    public func entry(actor: String, channel: LedgerEntry.Channel) -> LedgerEntry {
        LedgerEntry(actor: actor, channel: channel, at: clock.now())
    }

    /// What a write needs to start, move and meet problems' deadline clocks.
    public func deadlineClocks() async throws -> DeadlineClocks {
        DeadlineClocks(plan: try await EventClockPlanning.make(client: client, running: running, now: clock.now(), logger: logger), zone: zone)
    }

    /// The campaign with `id`, or an error listing the declared ones.
    public func campaign(_ id: String) throws -> Campaign {
        guard let campaign = running.plugins.campaign(id: id) else {
            let known = campaigns.map { "\($0.id)（\($0.title)）" }.joined(separator: "、")
            throw DeskRefusal("没有专项整改 \(id) (no such campaign)；已声明：\(known.isEmpty ? "无" : known)")
        }
        return campaign
    }

    /// Checks that `official` is in the directory (for `--by`).
    public func checkOfficial(_ official: String) async throws {
        guard try await DirectoryStore(client: client, logger: logger).official(id: official) != nil else {
            throw DeskRefusal("组织目录中没有干部 \(official) (no such official)")
        }
    }

    /// The org unit with `code`, or an error.
    public func unit(_ code: DivisionCode) async throws -> OrgUnit {
        guard let unit = try await DirectoryStore(client: client, logger: logger).unit(code) else {
            throw DeskRefusal("组织目录中没有单位 \(code.rawValue) (unknown unit)")
        }
        return unit
    }
}
