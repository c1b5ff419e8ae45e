import DixianNotify
import Foundation

extension String {
    /// On one line: each run of line breaks becomes one space, spaces around them go.
    var renderedSingleLine: String {
        split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Without the line breaks at the end.
    var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while text.last?.isNewline == true { text.removeLast() }
        return String(text)
    }
}
