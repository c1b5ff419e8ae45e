extension TypedTemplate {
    /// A port of swift-mustache 2.1's parser (`MustacheTemplate.parse`), kept to its structure so that the two
    /// split text into the same pieces: the standalone-line rules, the whitespace carried past a comment, a
    /// section's closing tag not deciding whether its line ended. It reads Swift `Character`s, as the original does.
    struct Parser {
        private let characters: [Character]
        private var position = 0

        init(_ text: String) {
            characters = Array(text)
        }

        private static let blanks: Set<Character> = [" ", "\t"]
        private static let nameCharacters = Set<Character>(
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
        private static let nameCharactersWithoutBrackets = Set<Character>(
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")

        private var reachedEnd: Bool { position == characters.count }
        /// The current character, or NUL at the end, as the original's `current()`.
        private var current: Character { reachedEnd ? "\0" : characters[position] }

        mutating func parseTemplate() throws(TypedTemplateError) -> [Node] {
            try parse(section: nil, startsOnNewLine: true)
        }

        /// Parses up to the end of section `section`, or of the text when it is nil.
        private mutating func parse(section: String?, startsOnNewLine: Bool) throws(TypedTemplateError) -> [Node] {
            var nodes: [Node] = []
            var newLine = startsOnNewLine
            var whiteSpaceBefore = ""
            /// Text waiting before a tag that writes nothing itself goes out before one that does.
            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                whiteSpaceBefore = ""
            }
            while !reachedEnd {
                if newLine { whiteSpaceBefore = read(while: Self.blanks) }
                let text = try readUntilTagOrNewline()
                if current.isNewline {
                    nodes.append(.text(whiteSpaceBefore + text + String(current)))
                    newLine = true
                    position += 1
                    continue
                }
                if !text.isEmpty {
                    nodes.append(.text(whiteSpaceBefore + text))
                    whiteSpaceBefore = ""
                    newLine = false
                }
                if reachedEnd { break }
                var standalone = false
                let sigil = current
                switch sigil {
                case "#", "^":
                    position += 1
                    let name = try readName()
                    if isStandalone(newLine) { standalone = true } else { flushWhiteSpace() }
                    let children = try parse(section: name, startsOnNewLine: standalone)
                    nodes.append(.section(Name(name), inverted: sigil == "^", children))
                case "/":
                    position += 1
                    let start = position
                    let name = try readName()
                    guard name == section else {
                        throw TypedTemplateError(.syntax, offset: start, detail: "{{/\(name)}} closes no open section")
                    }
                    if !isStandalone(newLine) { flushWhiteSpace() }
                    return nodes
                case "!":
                    position += 1
                    try skipComment()
                    standalone = isStandalone(newLine)
                case "%":
                    position += 1
                    nodes.append(.contentType(try readContentType()))
                    standalone = isStandalone(newLine)
                case "{", "&":
                    flushWhiteSpace()
                    position += 1
                    let name = try readName()
                    if sigil == "{", try !read("}") {
                        throw TypedTemplateError(.syntax, offset: position, detail: "{{{\(name)}} lacks its third brace")
                    }
                    nodes.append(.variable(Name(name), escaped: false))
                case ">", "<", "$", "=":
                    throw TypedTemplateError(.unsupported, offset: position, detail: "{{\(sigil)")
                default:
                    flushWhiteSpace()
                    nodes.append(.variable(Name(try readName()), escaped: true))
                }
                newLine = standalone
            }
            guard section == nil else {
                throw TypedTemplateError(.syntax, offset: position, detail: "section \(section ?? "") is not closed")
            }
            return nodes
        }

        /// Text up to a newline (not consumed) or up to and including a tag's opening `{{`.
        private mutating func readUntilTagOrNewline() throws(TypedTemplateError) -> String {
            var text = ""
            while !reachedEnd {
                text += read(until: { $0 == "\n" || $0 == "\r\n" || $0 == "{" })
                if current.isNewline { break }
                if current == "{" {
                    if try read(string: "{{") { break }
                    text.append("{")
                    position += 1
                }
            }
            return text
        }

        /// A tag's name and its closing `}}`.
        private mutating func readName() throws(TypedTemplateError) -> String {
            read(while: \.isWhitespace)
            let name = read(while: Self.nameCharacters)
            read(while: \.isWhitespace)
            guard try read(string: "}}") else {
                throw TypedTemplateError(.syntax, offset: position, detail: "a tag's name is not closed by }}")
            }
            if name.contains("(") || name.contains(")") {
                throw TypedTemplateError(.unsupported, offset: position, detail: "transform \(name)")
            }
            return name
        }

        /// Past the comment's closing `}}`.
        private mutating func skipComment() throws(TypedTemplateError) {
            var matched = 0
            let closing: [Character] = ["}", "}"]
            let start = position
            while !reachedEnd {
                if characters[position] == closing[matched] {
                    matched += 1
                    if matched == closing.count {
                        position += 1
                        return
                    }
                } else {
                    matched = 0
                }
                position += 1
            }
            throw TypedTemplateError(.syntax, offset: start, detail: "a comment is not closed by }}")
        }

        /// `CONTENT_TYPE: TEXT` or `CONTENT_TYPE: HTML` and the closing `}}`.
        private mutating func readContentType() throws(TypedTemplateError) -> ContentType {
            let start = position
            let invalid = TypedTemplateError(.syntax, offset: start, detail: "a pragma is not NAME: VALUE")
            read(while: \.isWhitespace)
            let variable = read(while: Self.nameCharactersWithoutBrackets)
            read(while: \.isWhitespace)
            guard (try? read(":")) == true else { throw invalid }
            read(while: \.isWhitespace)
            let value = read(while: Self.nameCharactersWithoutBrackets)
            read(while: \.isWhitespace)
            guard (try? read(string: "}}")) == true, !variable.isEmpty, !value.isEmpty else { throw invalid }
            guard variable == "CONTENT_TYPE" else {
                throw TypedTemplateError(.syntax, offset: start, detail: "unknown pragma \(variable)")
            }
            switch value {
            case "TEXT": return .text
            case "HTML": return .html
            default: throw TypedTemplateError(.unsupported, offset: start, detail: "content type \(value)")
            }
        }

        /// Whether the tag just read stands alone on its line; if so the rest of the line, up to and including
        /// its newline, is consumed. At the end of the text a tag that began its line stands alone.
        private mutating func isStandalone(_ newLine: Bool) -> Bool {
            guard newLine else { return false }
            if reachedEnd { return true }
            var next = position
            while next < characters.count, Self.blanks.contains(characters[next]) { next += 1 }
            guard next < characters.count, characters[next].isNewline else { return false }
            position = next + 1
            return true
        }

        @discardableResult
        private mutating func read(while belongs: (Character) -> Bool) -> String {
            let start = position
            while !reachedEnd, belongs(characters[position]) { position += 1 }
            return String(characters[start..<position])
        }

        @discardableResult
        private mutating func read(while set: Set<Character>) -> String {
            read(while: { set.contains($0) })
        }

        private mutating func read(until stop: (Character) -> Bool) -> String {
            read(while: { !stop($0) })
        }

        /// Whether the next characters are `expected`, consuming them if so; like the original it fails when
        /// fewer characters are left than `expected` has.
        private mutating func read(string expected: String) throws(TypedTemplateError) -> Bool {
            let wanted = Array(expected)
            guard characters.count - position >= wanted.count else {
                throw TypedTemplateError(.syntax, offset: position, detail: "the text ends inside a tag")
            }
            guard String(characters[position..<(position + wanted.count)]) == expected else { return false }
            position += wanted.count
            return true
        }

        /// Whether the next character is `expected`, consuming it if so.
        private mutating func read(_ expected: Character) throws(TypedTemplateError) -> Bool {
            guard !reachedEnd else { throw TypedTemplateError(.syntax, offset: position, detail: "the text ends inside a tag") }
            guard characters[position] == expected else { return false }
            position += 1
            return true
        }
    }
}
