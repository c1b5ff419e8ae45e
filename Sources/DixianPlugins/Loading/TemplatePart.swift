import DixianCore

/// A string whose inside is checked (a template part, a rule condition), with what is needed to point
/// at a column inside it.
struct TemplatePart {
    var name: String
    var text: String
    /// Where the `offset`-th Unicode scalar of `text` is written.
    var locate: (Int) -> Diagnostic.Location
}
