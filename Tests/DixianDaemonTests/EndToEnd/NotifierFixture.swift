import DixianDaemon
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO

/// A database with the demo county and overdue reminders of one real duty, ready for `dixian serve`
/// to deliver: the notifier's end-to-end tests start from rows, not from the planner, so that they
/// control exactly what is due.
struct NotifierFixture {
    /// A real duty of the shipped plugins, its owner role and an official holding that role in the demo county.
    static let dutyID = "health.insurance_enrollment_check"
    static let roleID = "health_insurance_contact"
    static let recipientID = "LC00022"
    static let countyCode = "149721000000"

    let endpoint: DatabaseEndpoint
    let work: String

    /// The daemon's configuration: channels as given, and no planner unless `planner` (it withdraws rows it did
    /// not plan, which a test may want).
    func writeConfig(
        notify: String = "", retries: (initial: String, maxDelay: String) = ("1s", "2s"), channels: String, planner: Bool = false
    ) throws -> String {
        let path = work + "/dixian.yaml"
        try """
        database:
          url: "\(endpoint.description)"
        schedule:
          enabled: \(planner)
        http:
          listen: 127.0.0.1:0
        office:
          name: 岚川县乡村振兴局
          phone: 0351-0000000
        notify:
          sweep_interval: 1s
          retry_initial: \(retries.initial)
          retry_max_delay: \(retries.maxDelay)
        \(notify.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        channels:
        \(channels.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The `channels:` of an `email` channel to `server` (STARTTLS, AUTH with the password written to
    /// `smtp-password`) and a `chat` channel into the maildir `chat`.
    func smtpAndChatChannels(_ server: SMTPTestServer) throws -> String {
        try "s3cret\n".write(toFile: work + "/smtp-password", atomically: true, encoding: .utf8)
        return """
            email:
              type: smtp
              host: 127.0.0.1
              port: \(server.port)
              username: dixian
              password_file: \(work)/smtp-password
              ca_file: \(server.caFile)
              from: "\(NotifierEndToEndTests.sender)"
            chat:
              type: maildir
              dir: \(work)/chat
              content: chat
            """
    }

    /// Migrates and imports the demo county.
    func prepare(configPath: String) async throws {
        let running = try DaemonOptions(configPath: configPath).loadRunningConfiguration()
        try await TestDatabase.withClient(endpoint) { client in
            try await Migrator().migrate(client: client, logger: TestDatabase.logger)
            try await DirectoryStore.importDemoIfEmpty(
                client: client, demoDirectory: "config/demo", knownRoles: running.roleCatalogue, logger: TestDatabase.logger)
        }
    }

    /// `count` occurrences of ``dutyID`` with one reminder each on `channel`, due a minute ago; returns the
    /// reminder keys. The occurrences are overdue (due 2026-07-31), or due at `dueAt` when given: a future one
    /// is in the planner's scope, which withdraws it as no plan of its.
    @discardableResult
    func seedReminders(count: Int, channel: String, prefix: String = "e2e", dueAt: Date? = nil) async throws -> [String] {
        let due = dueAt ?? Date(timeIntervalSince1970: 1_785_492_000)  // 2026-07-31 18:00+08
        return try await TestDatabase.withClient(endpoint) { client in
            try await client.query(
                """
                INSERT INTO occurrences (key, duty_id, unit_code, period_key, period_label, nominal_due_date, due_date,
                                         due_at, opens_at, partition_month)
                SELECT \(prefix) || '/' || g, \(Self.dutyID), \(Self.countyCode), '2026-07', '2026年7月',
                       (\(due)::timestamptz AT TIME ZONE 'Asia/Shanghai')::date,
                       (\(due)::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, \(due), '2026-07-01 00:00+08',
                       occurrence_month('2026-07', NULL)
                  FROM generate_series(1, \(count)) g
                """)
            let rows = try await client.query(
                """
                INSERT INTO outbox (key, occurrence_id, kind, step, recipient_id, role_id, channel, send_at, partition_month)
                SELECT o.key || '/r0/' || \(Self.recipientID) || '/' || \(channel), o.id, 'reminder', 'r0',
                       \(Self.recipientID), \(Self.roleID), \(channel), now() - interval '1 minute', o.partition_month
                  FROM occurrences o WHERE o.key LIKE \(prefix + "/%")
                RETURNING key
                """)
            var keys: [String] = []
            for try await key in rows.decode(String.self) { keys.append(key) }
            return keys
        }
    }

    /// How many of the outbox rows are in each status.
    func statusCounts() async throws -> [String: Int] {
        try await TestDatabase.withClient(endpoint) { client in
            var counts: [String: Int] = [:]
            for try await (status, count) in try await client.query("SELECT status, count(*)::int FROM outbox GROUP BY status")
                .decode((String, Int).self)
            {
                counts[status] = count
            }
            return counts
        }
    }

    /// Runs SQL as the test's administrator (e.g. to give an official a scripted address).
    func execute(_ query: PostgresQuery) async throws {
        try await TestDatabase.withClient(endpoint) { client in _ = try await client.query(query) }
    }
}
