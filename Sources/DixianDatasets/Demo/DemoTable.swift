import DixianDirectory
import DixianPlugins

/// A generated table: the rows of one dataset (a plugin's, or one of the register's two), by column name.
/// A column absent from a row is an empty cell, which a rule reads as missing (数据缺失).
public struct DemoTable: Sendable {
    /// The plugin that declares the dataset; nil for the population register.
    public var plugin: String?
    public var dataset: String
    public var rows: [[String: DemoValue]]

    public init(plugin: String?, dataset: String, rows: [[String: DemoValue]]) {
        self.plugin = plugin
        self.dataset = dataset
        self.rows = rows
    }

    /// `households.csv` for the register, `<plugin>.<dataset>.csv` for sector data.
    public var fileName: String {
        (plugin.map { "\($0)." } ?? "") + dataset + ".csv"
    }

    /// The column names any row fills.
    public var columnNames: Set<String> {
        rows.reduce(into: Set<String>()) { $0.formUnion($1.keys) }
    }

    /// The file a bureau would export: UTF-8 with BOM (so Excel opens it with the right encoding), CRLF,
    /// a header of the declared columns' Chinese titles, then the rows in the declared column order.
    public func csv(columns: [Dataset.Column]) -> String {
        let header = columns.map(\.title)
        let body = rows.map { row in columns.map { row[$0.name]?.csvText ?? "" } }
        return "\u{FEFF}" + CSVWriter().write([header] + body)
    }
}
