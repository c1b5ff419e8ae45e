extension Diagnostic {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a plausible typo.
    ///
    /// Uses the optimal-string-alignment distance (Levenshtein plus adjacent transposition, so `prot`
    /// is one edit from `port`), compared case-insensitively. A candidate qualifies when it is at most
    /// a third of the word's length away (at least 1, at most 3 edits): enough for typos, not so much
    /// that `url` suggests `dir`.
    public static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        let limit = min(3, max(1, target.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            // The distance is at least the difference in length: a 100 KB value is not compared letter by letter
            // with every time zone name.
            guard abs(scalars.count - target.count) <= limit else { continue }
            let distance = editDistance(target, scalars)
            guard distance <= limit else { continue }
            if let current = best, current.distance <= distance { continue }
            best = (candidate, distance)
        }
        return best?.candidate
    }

    /// A hint for an unknown name: a did-you-mean suggestion when one is close, else the valid names.
    ///
    /// - Parameters:
    ///   - word: What the input said.
    ///   - candidates: What it may say, in the order to list them.
    ///   - noun: What the candidates are, Chinese first, e.g. `可用的键 / valid keys`.
    public static func suggestionHint(
        for word: String,
        among candidates: [String],
        noun: String = "可用的键 / valid keys"
    ) -> String? {
        if let nearest = nearest(to: word, in: candidates) {
            return "是不是 '\(nearest)'? / did you mean '\(nearest)'?"
        }
        guard !candidates.isEmpty else { return nil }
        return "\(noun): \(candidates.joined(separator: ", "))"
    }

    /// Optimal string alignment distance between two scalar arrays, in O(n·m) time and O(m) memory per row.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
