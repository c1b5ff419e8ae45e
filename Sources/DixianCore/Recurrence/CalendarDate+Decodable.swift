extension CalendarDate: Decodable {
    /// Reads `YYYY-MM-DD`, the form JSON, the API and PostgreSQL's `date::text` use (encoding is in
    /// Recurrence+Encodable.swift).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a YYYY-MM-DD date: \(text)")
        }
        self = date
    }
}
