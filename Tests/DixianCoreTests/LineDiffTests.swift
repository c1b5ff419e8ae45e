import DixianCore
import Testing

@Suite("Line diff of override versions")
struct LineDiffTests {
    @Test("a changed parameter is one line removed and one added; the rest unchanged")
    func changedLine() {
        let old = "format_version: 1\nparameters:\n  grace_days: 10\n"
        let new = "format_version: 1\nparameters:\n  grace_days: 15\n"
        #expect(LineDiff.lines(from: old, to: new).map(\.description) == [
            " format_version: 1", " parameters:", "-  grace_days: 10", "+  grace_days: 15", " ",
        ])
    }

    @Test("property: dropping the added lines gives the old text, dropping the removed ones the new (seeded)")
    func reconstructs() {
        var random = SeededRandom(seed: 20)
        let vocabulary = ["a", "b", "c", "d", "e"]
        for _ in 0..<300 {
            let old = (0..<random.below(8)).map { _ in random.pick(vocabulary) }.joined(separator: "\n")
            let new = (0..<random.below(8)).map { _ in random.pick(vocabulary) }.joined(separator: "\n")
            let diff = LineDiff.lines(from: old, to: new)
            let before = diff.compactMap { line -> String? in if case .added = line { return nil }; return String(line.description.dropFirst()) }
            let after = diff.compactMap { line -> String? in if case .removed = line { return nil }; return String(line.description.dropFirst()) }
            #expect(before.joined(separator: "\n") == old && after.joined(separator: "\n") == new, "\(old) → \(new)")
        }
    }
}
