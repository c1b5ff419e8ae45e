import DixianDatasets
import Foundation
import Logging
import PostgresNIO

/// What an import that wrote while it read found and wrote.
public struct StreamedImport: Sendable {
    /// The file's validation: its issues and the rows read. Its `rows` is empty: they went to PostgreSQL as read.
    public var table: ValidatedTable
    /// Rows that passed validation.
    public var validRows: Int
    /// How long reading and validating took, on its own thread beside the writing.
    public var readingTime: Duration
    /// What was written; nil when the file was refused and nothing was.
    public var result: DatasetImportResult?
}

extension DatasetStore {
    /// Imports a periodic dataset's file while reading it (边读边写): the file is read and validated on a thread of
    /// its own, and each chunk of valid rows is copied into the dataset's table as soon as it is ready, inside the
    /// one transaction that replaces the period's rows, so reading and writing take the time of the longer instead
    /// of both. All or nothing as before: a file with an issue the import may not skip (any, without
    /// `skipInvalid`; a broken header always) is still read to its end for the list of issues, then the
    /// transaction rolls back. `batch.rows` is not read; `transform` changes each row before it is written.
    public func importWhileReading(
        _ bytes: [UInt8], batch: DatasetImport, sheet: String? = nil, knownDivisions: Set<String>?, skipInvalid: Bool,
        transform: (@Sendable (DatasetRow) -> DatasetRow)? = nil, chunkSize: Int = 4096,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> StreamedImport {
        guard batch.layout.mode == .periodic, batch.period != nil else {
            throw StoreError(.datasetFailed, "边读边写只用于按期数据集 (only a periodic dataset is written while read)")
        }
        let (chunks, feed) = AsyncStream.makeStream(of: [DatasetRow].self)
        let validRows = RowCount()
        let dataset = batch.layout.dataset
        let reading = Self.onThreadOfItsOwn {
            let started = ContinuousClock.now
            let table = ValidatedTable.stream(
                bytes, dataset: dataset, sheet: sheet, knownDivisions: knownDivisions, chunkSize: chunkSize, progress: progress
            ) { rows, issues in
                validRows.add(rows.count)
                // Once the file is refused, nothing more needs writing: the transaction will roll back.
                guard issues == 0 || skipInvalid else { return }
                feed.yield(transform.map { rows.map($0) } ?? rows)
            }
            feed.finish()
            return (table, ContinuousClock.now - started)
        }
        var result: DatasetImportResult?
        do {
            result = try await writeWhileReading(batch, chunks: chunks) {
                let table = await reading.value.0
                return Self.isRefused(table, skipInvalid: skipInvalid) ? nil : (validRows.value, table.rowCount)
            }
        } catch is ReadingRefused {
            result = nil
        }
        let (table, readingTime) = await reading.value
        return StreamedImport(table: table, validRows: validRows.value, readingTime: readingTime, result: result)
    }

    /// A broken header refuses a file whatever is skipped; any other issue only without `skipInvalid`.
    public static func isRefused(_ table: ValidatedTable, skipInvalid: Bool) -> Bool {
        table.issues.issues.contains { $0.row == nil } || (!table.issues.isEmpty && !skipInvalid)
    }

    /// The transaction of a streamed import: the batch, the period's old rows gone, the chunks copied as they come;
    /// then `verdict` (after the reading ended) gives the rows valid and read, or nil to roll everything back.
    private func writeWhileReading(
        _ batch: DatasetImport, chunks: AsyncStream<[DatasetRow]>, verdict: @escaping @Sendable () async -> (valid: Int, read: Int)?
    ) async throws -> DatasetImportResult {
        try await client.withStoreTransaction(failing: .datasetFailed, "数据导入失败 (import failed)", logger: logger) { connection in
            try await Self.lockTables(connection, logger: logger)
            let problems = try await Self.ensure(batch.layout, connection, logger: logger)
            guard problems.isEmpty else { throw StoreError(.datasetSchema, problems.joined(separator: "\n")) }
            let importID = try await Self.insertBatch(batch, connection, logger: logger)
            var result = try await Self.replacePeriod(batch, importID: importID, connection, logger: logger)
            try await Self.copy(chunks, layout: batch.layout, period: batch.period, importID: importID, into: batch.layout.tableName, connection, logger: logger)
            guard let (valid, read) = await verdict() else { throw ReadingRefused() }
            var written = batch
            written.skippedRows = read - valid
            try await connection.query(
                "UPDATE data_imports SET row_count = \(valid), skipped_rows = \(written.skippedRows) WHERE id = \(importID)",
                logger: logger)
            result.importID = importID
            result.rows = valid
            result.inserted = valid
            try await Self.audit(written, result, connection, logger: logger)
            return result
        }
    }

    /// Thrown inside the transaction to roll it back when the file was refused.
    private struct ReadingRefused: Error {}

    /// The valid rows counted by the reading thread, read by the writer at the end.
    private final class RowCount: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func add(_ rows: Int) {
            lock.withLock { count += rows }
        }

        var value: Int { lock.withLock { count } }
    }

    /// Runs `work` on a thread of its own, off Swift's cooperative pool, which it would otherwise hold for seconds.
    private static func onThreadOfItsOwn<T: Sendable>(_ work: @escaping @Sendable () -> T) -> Task<T, Never> {
        Task {
            await withCheckedContinuation { continuation in
                let thread = Thread { continuation.resume(returning: work()) }
                thread.name = "dixian-import-reader"
                thread.start()
            }
        }
    }
}
