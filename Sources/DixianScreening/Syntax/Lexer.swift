/// Splits a rule expression into tokens, following CEL's lexical rules for the subset we accept: decimal
/// integers, decimals with a point or exponent, single- or double-quoted strings with the common escapes,
/// identifiers, and the operators of ``BinaryOperator`` and ``UnaryOperator``.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// All tokens, ending with `.end`.
    static func tokens(of text: String) throws(RuleError) -> [Token] {
        var lexer = Lexer(text)
        var result: [Token] = []
        while true {
            let token = try lexer.next()
            result.append(token)
            if token.kind == .end { return result }
        }
    }

    private static let symbols = ["&&", "||", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "!",
                                  "?", ":", "(", ")", "[", "]", ",", "."]

    private mutating func next() throws(RuleError) -> Token {
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
        guard index < scalars.count else { return Token(kind: .end, offset: index) }
        let start = index
        let scalar = scalars[index]
        if scalar == "_" || scalar.isASCIILetter {
            while index < scalars.count, scalars[index] == "_" || scalars[index].isASCIILetter
                || scalars[index].isASCIIDigit
            {
                index += 1
            }
            return Token(kind: .identifier(text(start..<index)), offset: start)
        }
        if scalar.isASCIIDigit || (scalar == "." && peek(1)?.isASCIIDigit == true) {
            return try number(from: start)
        }
        if scalar == "'" || scalar == "\"" {
            return Token(kind: .string(try string(quote: scalar)), offset: start)
        }
        for symbol in Self.symbols where matches(symbol) {
            index += symbol.unicodeScalars.count
            return Token(kind: .symbol(symbol), offset: start)
        }
        throw RuleError(.syntax, "无法识别的字符 '\(scalar)' (unexpected character)", at: start, hint: hint(for: scalar))
    }

    private func hint(for scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "$": "参数写作 params.名称 (parameters are written params.NAME)"
        case "（", "）", "，", "‘", "’", "“", "”": "请使用英文半角符号 (use ASCII punctuation)"
        case "=": "相等比较写作 == (equality is ==)"
        case "&", "|": "逻辑运算写作 && 和 || (logical operators are && and ||)"
        default: nil
        }
    }

    private mutating func number(from start: Int) throws(RuleError) -> Token {
        var isDecimal = false
        while index < scalars.count, scalars[index].isASCIIDigit { index += 1 }
        if index < scalars.count, scalars[index] == ".", peek(1)?.isASCIIDigit == true {
            isDecimal = true
            index += 1
            while index < scalars.count, scalars[index].isASCIIDigit { index += 1 }
        }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            isDecimal = true
            index += 1
            if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
            let exponentStart = index
            while index < scalars.count, scalars[index].isASCIIDigit { index += 1 }
            guard index > exponentStart else {
                throw RuleError(.syntax, "数字的指数部分不完整 (incomplete exponent)", at: start)
            }
        }
        if index < scalars.count, scalars[index] == "_" || scalars[index].isASCIILetter {
            throw RuleError(
                .syntax, "数字后紧跟字母 (letters after a number)", at: index,
                hint: "本语言不支持 u 后缀和十六进制 (no unsigned or hex literals)")
        }
        let written = text(start..<index)
        if isDecimal { return Token(kind: .double(written), offset: start) }
        guard let value = Int64(written) else {
            throw RuleError(.syntax, "整数超出范围 (integer out of range)", at: start)
        }
        return Token(kind: .integer(value), offset: start)
    }

    private mutating func string(quote: Unicode.Scalar) throws(RuleError) -> String {
        let start = index
        index += 1
        var result = String.UnicodeScalarView()
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == quote {
                index += 1
                return String(result)
            }
            if scalar == "\n" || scalar == "\r" { break }
            if scalar == "\\" {
                guard let escaped = peek(1), let value = Self.escapes[escaped] else {
                    throw RuleError(
                        .syntax, "不支持的转义 (unsupported escape)", at: index,
                        hint: "可用 \\\\ \\' \\\" \\n \\t (supported: \\\\ \\' \\\" \\n \\t)")
                }
                result.append(value)
                index += 2
                continue
            }
            result.append(scalar)
            index += 1
        }
        throw RuleError(.syntax, "字符串缺少结束引号 (unterminated string)", at: start)
    }

    private static let escapes: [Unicode.Scalar: Unicode.Scalar] = [
        "\\": "\\", "'": "'", "\"": "\"", "n": "\n", "t": "\t", "r": "\r",
    ]

    private func peek(_ distance: Int) -> Unicode.Scalar? {
        index + distance < scalars.count ? scalars[index + distance] : nil
    }

    private func matches(_ symbol: String) -> Bool {
        var position = index
        for scalar in symbol.unicodeScalars {
            guard position < scalars.count, scalars[position] == scalar else { return false }
            position += 1
        }
        return true
    }

    private func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
