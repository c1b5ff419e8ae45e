import DixianNotify
import Foundation

extension String {
    /// On one line: each run of line breaks becomes one space, spaces around them go.
    var renderedSingleLine: String {
        // Most subjects are one line already; checking the scalars is far cheaper than splitting and trimming.
        if isSingleTrimmedLine { return self }
        return split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// No line break anywhere (the scalars `Character.isNewline` looks for) and no space at either end.
    private var isSingleTrimmedLine: Bool {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return true }
        let spaces = CharacterSet.whitespaces
        if spaces.contains(first) || spaces.contains(last) { return false }
        return !scalars.contains { scalar in
            switch scalar.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
            default: return false
            }
        }
    }

    /// Without the line breaks at the end.
    var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while text.last?.isNewline == true { text.removeLast() }
        return String(text)
    }
}
