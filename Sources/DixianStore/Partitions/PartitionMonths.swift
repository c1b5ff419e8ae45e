import DixianCore
import Logging
import NIOCore
import PostgresNIO

/// Month partitions bound as PostgreSQL `date[]`, for `partition_month = ANY(…)` in an update of the outbox.
///
/// PostgreSQL prunes partitions while planning only on constants of the key's own type: a `text[]` cast to
/// `date[]` is a stable conversion, so every month of the table was planned and searched (an outcome write took
/// 15 ms at 21 months). Bound as dates, the statement touches only the months its rows are in.
struct PartitionMonths: Sendable {
    let dates: [SQLDate]

    /// The months given, or, when none is known, those the rows `ids` are in (one more query).
    static func of(
        _ ids: [Int64], known: [CalendarDate], _ connection: PostgresConnection, logger: Logger
    ) async throws -> PartitionMonths {
        if !known.isEmpty { return PartitionMonths(dates: known.map(SQLDate.init)) }
        let rows = try await connection.query(
            "SELECT DISTINCT partition_month::text FROM outbox WHERE id = ANY(\(ids)::int8[])", logger: logger)
        var dates: [SQLDate] = []
        for try await text in rows.decode(String.self) {
            if let month = CalendarDate(parsing: text) { dates.append(SQLDate(month)) }
        }
        return PartitionMonths(dates: dates)
    }
}

/// A calendar date in PostgreSQL's binary `date` form (days since 2000-01-01).
struct SQLDate: PostgresNonThrowingEncodable, PostgresArrayEncodable, Sendable {
    static var psqlType: PostgresDataType { .date }
    static var psqlFormat: PostgresFormat { .binary }
    static var psqlArrayType: PostgresDataType { .dateArray }

    /// 2000-01-01 as days after 1970-01-01.
    static let postgresEpoch = 10_957

    let daysSince2000: Int32

    init(_ date: CalendarDate) {
        self.daysSince2000 = Int32(date.dayNumber - Self.postgresEpoch)
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(daysSince2000, as: Int32.self)
    }
}
