/// Folds a header field into lines of at most 78 characters (RFC 5322 §2.1.1), breaking only where
/// the value already has a single space between tokens, so unfolding gives the value back.
enum HeaderFolding {
    static let preferredLineLength = 78

    /// `Name: token token …` with CRLF + space inserted before tokens that would overflow the line.
    /// A token longer than a line (a long Message-ID) stays whole; such lines stay below 998 octets
    /// because every token is bounded by the types that produce it.
    static func fold(name: String, tokens: [String]) -> String {
        var output = name + ":"
        var lineLength = output.utf8.count
        for token in tokens {
            let width = token.utf8.count
            // Folding right after the colon is legal too (the value starts with folding white space),
            // but only worth it when the token then fits.
            if lineLength + 1 + width > Self.preferredLineLength, lineLength > 1, 1 + width <= Self.preferredLineLength {
                output += "\r\n"
                lineLength = 0
            }
            output += " " + token
            lineLength += 1 + width
        }
        return output
    }

    /// Tokens for an unstructured value (Subject, extra headers): the words themselves when the
    /// text is plain readable ASCII, encoded-words otherwise.
    static func unstructuredTokens(_ value: String) -> [String] {
        if EncodedWord.isReadableASCII(value, longestWord: Self.preferredLineLength - 1) {
            return value.split(separator: " ").map(String.init)
        }
        return EncodedWord.encode(value)
    }
}
