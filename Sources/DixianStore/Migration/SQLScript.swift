import Foundation

/// Splits a file of SQL into single statements.
///
/// PostgresNIO speaks only the extended query protocol, which accepts one statement per
/// query, so a migration file is cut at top-level semicolons and run statement by statement
/// inside its transaction. Semicolons inside string literals, quoted identifiers, dollar-quoted
/// bodies (`$$ … $$`, `$fn$ … $fn$`) and comments do not split.
public enum SQLScript {
    public static func statements(_ sql: String) -> [String] {
        var scanner = Scanner(Array(sql.unicodeScalars))
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var hasCode = false
        while let scalar = scanner.peek() {
            if scalar == ";" {
                scanner.advance()
                if hasCode { statements.append(Self.trimmed(current)) }
                current = String.UnicodeScalarView()
                hasCode = false
                continue
            }
            let (token, isCode) = scanner.nextToken()
            current.append(contentsOf: token)
            hasCode = hasCode || isCode
        }
        if hasCode { statements.append(Self.trimmed(current)) }
        return statements
    }

    private static func trimmed(_ scalars: String.UnicodeScalarView) -> String {
        String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Reads one lexical unit: a literal, identifier, comment, dollar-quoted body or one scalar.
    struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            self.index + offset < self.scalars.count ? self.scalars[self.index + offset] : nil
        }

        mutating func advance() {
            self.index += 1
        }

        /// The next token and whether it counts as code (comments and white space do not).
        mutating func nextToken() -> ([Unicode.Scalar], Bool) {
            let start = self.index
            let scalar = self.scalars[self.index]
            switch scalar {
            case "'", "\"":
                self.skipQuoted(scalar, backslashEscapes: self.isEscapeStringPrefix(before: start))
                return (Array(self.scalars[start..<self.index]), true)
            case "-" where self.peek(1) == "-":
                while let next = self.peek(), next != "\n" { self.advance() }
                return (Array(self.scalars[start..<self.index]), false)
            case "/" where self.peek(1) == "*":
                self.skipBlockComment()
                return (Array(self.scalars[start..<self.index]), false)
            case "$":
                if let tag = self.dollarTag() {
                    self.skipDollarQuoted(tag)
                    return (Array(self.scalars[start..<self.index]), true)
                }
            default:
                break
            }
            self.advance()
            return ([scalar], !scalar.properties.isWhitespace)
        }

        /// `E'…'` strings treat backslash as an escape character.
        private func isEscapeStringPrefix(before position: Int) -> Bool {
            guard position > 0, self.scalars[position] == "'" else { return false }
            let previous = self.scalars[position - 1]
            guard previous == "E" || previous == "e" else { return false }
            return position == 1 || !Self.isIdentifierPart(self.scalars[position - 2])
        }

        private mutating func skipQuoted(_ quote: Unicode.Scalar, backslashEscapes: Bool) {
            self.advance()
            while let next = self.peek() {
                self.advance()
                if backslashEscapes && next == "\\" {
                    self.advance()
                } else if next == quote {
                    // A doubled quote is an escaped quote, not the end.
                    guard self.peek() == quote else { return }
                    self.advance()
                }
            }
        }

        private mutating func skipBlockComment() {
            var depth = 0
            while let next = self.peek() {
                if next == "/" && self.peek(1) == "*" {
                    depth += 1
                    self.index += 2
                } else if next == "*" && self.peek(1) == "/" {
                    depth -= 1
                    self.index += 2
                    if depth == 0 { return }
                } else {
                    self.advance()
                }
            }
        }

        /// `$tag$` at the current position (tag may be empty), unless `$` belongs to `$1` or an identifier.
        private func dollarTag() -> [Unicode.Scalar]? {
            if self.index > 0, Self.isIdentifierPart(self.scalars[self.index - 1]) { return nil }
            var offset = 1
            var tag: [Unicode.Scalar] = []
            while let next = self.peek(offset), next != "$" {
                guard Self.isIdentifierPart(next), !(offset == 1 && next.properties.numericType != nil) else { return nil }
                tag.append(next)
                offset += 1
            }
            return self.peek(offset) == "$" ? tag : nil
        }

        private mutating func skipDollarQuoted(_ tag: [Unicode.Scalar]) {
            let delimiter: [Unicode.Scalar] = ["$"] + tag + ["$"]
            self.index += delimiter.count
            while self.index < self.scalars.count {
                if self.scalars[self.index...].starts(with: delimiter) {
                    self.index += delimiter.count
                    return
                }
                self.advance()
            }
        }

        private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }
}
