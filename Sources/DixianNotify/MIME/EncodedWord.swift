/// RFC 2047 encoded-words (`=?UTF-8?B?…?=`), the only way to put non-ASCII text into a header.
public enum EncodedWord {
    /// RFC 2047 §2: an encoded-word may be at most 75 characters long.
    public static let maximumLength = 75

    /// Words are kept at 60 characters, below the RFC's 75, so that even the first word fits on a
    /// header's first line after a name such as `Subject: ` without exceeding 78 characters.
    public static let preferredLength = 60

    private static let prefix = "=?UTF-8?B?"
    private static let suffix = "?="

    /// Encodes `text` as a sequence of encoded-words, each at most `maximumLength` characters
    /// (including the `=?UTF-8?B?` and `?=` delimiters), to be joined with folding white space.
    ///
    /// Words split between characters, never inside a UTF-8 sequence, so each word decodes to valid
    /// UTF-8 on its own (RFC 2047 §5 requires that); grapheme clusters stay whole when they fit.
    /// `maximumLength` must be at least 20, the length of a word holding one 4-byte scalar.
    public static func encode(_ text: String, maximumLength: Int = EncodedWord.preferredLength) -> [String] {
        precondition((20...Self.maximumLength).contains(maximumLength), "encoded-word length out of range")
        let overhead = Self.prefix.utf8.count + Self.suffix.utf8.count
        // Base64 turns each 3 bytes into 4 characters, so a word holds whole 3-byte groups; a final
        // partial group is padded, which RFC 2047 allows at the end of each word.
        let bytesPerWord = (maximumLength - overhead) / 4 * 3
        var words: [String] = []
        var current: [UInt8] = []
        func flush() {
            guard !current.isEmpty else { return }
            words.append(Self.prefix + Base64.encode(current) + Self.suffix)
            current.removeAll(keepingCapacity: true)
        }
        func append(_ piece: [UInt8]) {
            if current.count + piece.count > bytesPerWord { flush() }
            current.append(contentsOf: piece)
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if bytes.count <= bytesPerWord {
                append(bytes)
            } else {
                // A cluster too long for one word (a long emoji sequence): split between scalars.
                for scalar in character.unicodeScalars {
                    append(Array(String(scalar).utf8))
                }
            }
        }
        flush()
        return words
    }

    /// Whether ASCII text can stay readable in a header: printable characters and single spaces
    /// only, and nothing a decoder could mistake for an encoded-word.
    static func isReadableASCII(_ text: String, longestWord: Int) -> Bool {
        guard !text.isEmpty, !text.hasPrefix(" "), !text.hasSuffix(" "), !text.contains("  "),
              !text.contains("=?")
        else { return false }
        guard text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return false }
        return text.split(separator: " ").allSatisfy { $0.utf8.count <= longestWord }
    }
}
