/// What a cell held in the file, beyond its text: XLSX cells are typed, CSV cells are always ``text``.
public enum TabularCellKind: String, Sendable, Hashable, CaseIterable {
    /// A string, or an empty cell.
    case text
    /// A number that is not formatted as a date; the cell's text is the number as stored (`12345.6`, `1E-3`).
    case number
    /// A number formatted as a date in the workbook; the cell's text is the date as `YYYY-MM-DD`, or
    /// `YYYY-MM-DD HH:MM:SS` when it has a time of day, never the serial number Excel stores.
    case date
    /// A boolean cell; its text is `TRUE` or `FALSE`.
    case boolean
    /// A formula error such as `#N/A` or `#DIV/0!`, which is the cell's text.
    case error
}
