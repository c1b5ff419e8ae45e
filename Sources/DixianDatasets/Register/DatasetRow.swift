import DixianScreening

/// One valid row of an imported file, typed in its dataset's column order.
public struct DatasetRow: Sendable, Hashable {
    /// The file's row number (CSV line, XLSX row), kept so that screening results point back into the file.
    public var number: Int
    /// One value per declared column; nil is an empty cell.
    public var values: [ScreeningValue?]

    public init(number: Int, values: [ScreeningValue?]) {
        self.number = number
        self.values = values
    }
}
