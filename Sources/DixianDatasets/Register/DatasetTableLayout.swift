import DixianCore
import DixianPlugins
import DixianScreening

/// How a dataset is kept in PostgreSQL (数据表结构): the table's name, its typed columns after the system ones, its
/// key, and the statements that create it or bring an older table up to the declaration. Never a statement
/// that drops anything: a column the declaration no longer has stays, with its data.
public struct DatasetTableLayout: Sendable, Hashable {
    /// Replaced by period (a bureau's monthly roll) or upserted by key (the register).
    public enum Mode: Sendable, Hashable {
        case periodic, upsert
    }

    /// `register.households` or `<plugin>.<dataset>`.
    public let target: String
    public let tableName: String
    public let dataset: Dataset
    public let mode: Mode

    /// The register's tables: `reg_households`, `reg_persons`.
    public static func register(_ table: RegisterField.Table) -> DatasetTableLayout {
        let dataset = PopulationRegister.dataset(of: table)
        return DatasetTableLayout(
            target: "register.\(dataset.id)", tableName: "reg_\(dataset.id)", dataset: dataset, mode: .upsert)
    }

    /// A plugin's dataset: `ds_<plugin>__<dataset>`.
    public static func dataset(_ dataset: Dataset, plugin: String) -> DatasetTableLayout {
        DatasetTableLayout(
            target: "\(plugin).\(dataset.id)", tableName: "ds_\(plugin)__\(dataset.id)", dataset: dataset, mode: .periodic)
    }

    /// The SQL type of a column of `kind`, as `information_schema.columns.data_type` names it.
    public static func sqlType(_ kind: Dataset.Column.Kind) -> String {
        switch kind.screeningType {
        case .int: "bigint"
        case .double: "numeric"
        case .bool: "boolean"
        case .date: "date"
        default: "text"
        }
    }

    /// The columns every table has before the declared ones. The period leads the key index and is equal in every
    /// row of an import, so each index step compares it: byte order ("C") instead of the database's locale made a
    /// million-row COPY a fifth faster (4.4 s → 3.5 s), and its values are ASCII (`YYYY-MM`), ordered alike either way.
    /// It is only ever compared with parameters and with itself. Tables created before keep their collation.
    public var systemColumns: [(name: String, type: String)] {
        mode == .periodic
            ? [("import_id", "bigint"), ("period", "text COLLATE \"C\""), ("row_number", "integer")]
            : [("import_id", "bigint")]
    }

    /// Declared columns, quoted, in declaration order.
    public var quotedColumns: [String] {
        dataset.columns.map { SQLNaming.quoted($0.name) }
    }

    /// CREATE TABLE and its indexes (the register's tables come from migration 0006 instead).
    public var createStatements: [String] {
        let table = SQLNaming.quoted(tableName)
        let system = systemColumns.map { "\(SQLNaming.quoted($0.name)) \($0.type) NOT NULL" }
        let declared = dataset.columns.map { "\(SQLNaming.quoted($0.name)) \(Self.sqlType($0.kind))" }
        let key = dataset.key.map(SQLNaming.quoted)
        var statements = ["CREATE TABLE \(table) (\((system + declared).joined(separator: ", ")))"]
        switch mode {
        case .upsert:
            statements.append("ALTER TABLE \(table) ADD PRIMARY KEY (\(key.joined(separator: ", ")))")
        case .periodic:
            let unique = (["period"] + key).joined(separator: ", ")
            statements.append("CREATE UNIQUE INDEX \(SQLNaming.quoted(tableName + "_key")) ON \(table) (\(unique))")
        }
        // No index on resident_id alone: screening reads one period whole and probes the register by ID, and a
        // person's rows of a period are found through the key index above. Each index costs every import.
        return statements
    }

    /// A declared column whose stored type differs: adding is fine, changing a type is refused.
    public struct IncompatibleColumn: Sendable, Hashable, CustomStringConvertible {
        public var column: String
        public var stored: String
        public var declared: String
        public var description: String {
            "列 \(column) 已按 \(stored) 存储，声明改为 \(declared)，不能自动迁移 (incompatible type change)"
        }
    }

    /// The statements that bring a table with `existing` columns (name → data_type) up to the declaration, and
    /// the columns whose type changed (when there is one, none of the statements may run).
    public func migration(from existing: [String: String]) -> (statements: [String], incompatible: [IncompatibleColumn]) {
        var statements: [String] = []
        var incompatible: [IncompatibleColumn] = []
        for column in dataset.columns {
            let declared = Self.sqlType(column.kind)
            switch existing[column.name] {
            case nil:
                statements.append(
                    "ALTER TABLE \(SQLNaming.quoted(tableName)) ADD COLUMN \(SQLNaming.quoted(column.name)) \(declared)")
            case let stored? where stored != declared:
                incompatible.append(IncompatibleColumn(column: column.name, stored: stored, declared: declared))
            default:
                break
            }
        }
        return (statements, incompatible)
    }
}
