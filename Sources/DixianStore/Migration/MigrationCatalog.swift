/// The migrations this binary carries, in version order.
///
/// The SQL files live in `Sources/DixianStore/Migrations/` and are embedded into the binary by
/// SwiftPM (`.embedInCode` in Package.swift; SwiftPM names `0001_x.sql` `_001_x_sql`), so an installed daemon needs no resource bundle
/// beside it. Adding a migration: add `NNNN_name.sql`, a `.embedInCode` line in Package.swift, and
/// a line below. A test checks that every file in the folder is listed here.
public enum MigrationCatalog {
    public static let all: [Migration] = [
        migration(1, "foundation", PackageResources._001_foundation_sql),
        migration(2, "directory", PackageResources._002_directory_sql),
        migration(3, "schedule", PackageResources._003_schedule_sql),
        migration(4, "notify", PackageResources._004_notify_sql),
        migration(5, "unit_classification", PackageResources._005_unit_classification_sql),
        migration(6, "screening", PackageResources._006_screening_sql),
        migration(7, "monitoring", PackageResources._007_monitoring_sql),
        migration(8, "ledger", PackageResources._008_ledger_sql),
        migration(9, "console", PackageResources._009_console_sql),
        migration(10, "console_steps", PackageResources._010_console_steps_sql),
        migration(11, "plugin_overrides", PackageResources._011_plugin_overrides_sql),
        migration(12, "instance_overrides", PackageResources._012_instance_overrides_sql),
        migration(13, "claim_indexes", PackageResources._013_claim_indexes_sql),
        migration(14, "monthly_partitions", PackageResources._014_monthly_partitions_sql),
    ]

    /// The newest version this binary knows.
    public static var latestVersion: Int { all.map(\.version).max() ?? 0 }

    private static func migration(_ version: Int, _ name: String, _ bytes: [UInt8]) -> Migration {
        Migration(version: version, name: name, sql: String(decoding: bytes, as: UTF8.self))
    }
}
