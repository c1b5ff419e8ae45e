import DixianCore

/// Independent decoders for the tests: written from the RFCs, sharing no code with the encoders.
enum MIMEDecoders {
    static func base64(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"): values.append(62)
            case UInt8(ascii: "/"): values.append(63)
            case UInt8(ascii: "="): padding += 1; values.append(0)
            case 0x0D, 0x0A: continue
            default: return nil
            }
        }
        guard values.count % 4 == 0, padding <= 2 else { return nil }
        var output: [UInt8] = []
        for index in stride(from: 0, to: values.count, by: 4) {
            let n = UInt32(values[index]) << 18 | UInt32(values[index + 1]) << 12 | UInt32(values[index + 2]) << 6
                | UInt32(values[index + 3])
            output.append(UInt8(n >> 16 & 0xFF))
            output.append(UInt8(n >> 8 & 0xFF))
            output.append(UInt8(n & 0xFF))
        }
        output.removeLast(padding)
        return output
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Quoted-printable lines (already split at CRLF) back to bytes; nil on anything RFC 2045 forbids.
    static func quotedPrintable(_ lines: [String]) -> [UInt8]? {
        var output: [UInt8] = []
        for (lineIndex, line) in lines.enumerated() {
            var bytes = Array(line.utf8)
            // RFC 2045 §6.7 rule 3: no space or tab at the end of an encoded line (before a soft break is fine).
            if let last = bytes.last, last == 0x20 || last == 0x09 { return nil }
            var soft = false
            if bytes.last == UInt8(ascii: "=") {
                soft = true
                bytes.removeLast()
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "=") {
                    guard index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2])
                    else { return nil }
                    output.append(high << 4 | low)
                    index += 3
                } else {
                    guard byte == 0x09 || (0x20...0x7E).contains(byte) else { return nil }
                    output.append(byte)
                    index += 1
                }
            }
            if !soft, lineIndex < lines.count - 1 { output.append(contentsOf: [0x0D, 0x0A]) }
        }
        return output
    }

    /// An unfolded header value with RFC 2047 encoded-words decoded. Encoded-words must be whole
    /// tokens; white space between two encoded-words is dropped (RFC 2047 §6.2).
    static func headerValue(_ folded: String) -> String? {
        let unfolded = folded.replacingOccurrences(of: "\r\n", with: "")
        let tokens = unfolded.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var result = ""
        var previousWasEncoded = false
        for (index, token) in tokens.enumerated() {
            // The leading token is the space after the colon.
            if index == 0, token.isEmpty { continue }
            if let decoded = encodedWord(token) {
                if !result.isEmpty, !previousWasEncoded { result += " " }
                result += decoded
                previousWasEncoded = true
            } else {
                if !result.isEmpty { result += " " }
                result += token
                previousWasEncoded = false
            }
        }
        return result
    }

    /// One `=?UTF-8?B?…?=` word, decoded on its own, or nil when it is not one (or not valid UTF-8).
    static func encodedWord(_ token: String) -> String? {
        guard token.hasPrefix("=?UTF-8?B?"), token.hasSuffix("?="), token.count >= 12 else { return nil }
        let payload = String(token.dropFirst(10).dropLast(2))
        guard let bytes = base64(payload) else { return nil }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var text = ""
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): text.unicodeScalars.append(scalar)
            case .emptyInput: return text
            case .error: return nil
            }
        }
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        self.split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// A rendered message taken apart the simple way: header fields (folded text kept) and body lines.
struct ParsedMessage {
    var headers: [(name: String, folded: String)] = []
    var bodyLines: [String] = []

    init(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var index = 0
        while index < lines.count, !lines[index].isEmpty {
            let line = lines[index]
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !self.headers.isEmpty {
                self.headers[self.headers.count - 1].folded += "\r\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                self.headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
            index += 1
        }
        self.bodyLines = Array(lines[min(index + 1, lines.count)...])
    }

    func header(_ name: String) -> String? {
        self.headers.first { $0.name.lowercased() == name.lowercased() }?.folded
    }
}

/// Random text for property tests: Chinese, ASCII, emoji (with ZWJ sequences and flags) and spaces.
enum RandomText {
    static let chinese = Array("县乡村振兴局通知请于本周五前提交年度防汛值班表统计报告镇人民政府办公室会议纪要")
    static let ascii = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:;!?-_=()[]<>@\"'\\/#")
    static let emoji: [String] = ["😀", "👍🏽", "👨‍👩‍👧‍👦", "🇨🇳", "🏳️‍🌈", "✅", "📅", "e\u{301}"]

    static func string(_ random: inout SeededRandom, maxLength: Int) -> String {
        let length = random.below(maxLength + 1)
        var text = ""
        for _ in 0..<length {
            switch random.below(10) {
            case 0...3: text.append(random.pick(Self.chinese))
            case 4...6: text.append(random.pick(Self.ascii))
            case 7: text += random.pick(Self.emoji)
            case 8: text += "=?"
            default: text += random.pick([" ", "  ", "\t"])
            }
        }
        return text
    }

    static func asciiSentence(_ random: inout SeededRandom) -> String {
        let words = (0..<(1 + random.below(20))).map { _ in
            String((0..<(1 + random.below(12))).map { _ in random.pick(Array("abcdefghijklmnop0123")) })
        }
        return words.joined(separator: " ")
    }

    static func bytes(_ random: inout SeededRandom, maxLength: Int) -> [UInt8] {
        let length = random.below(maxLength + 1)
        var bytes: [UInt8] = []
        while bytes.count < length {
            switch random.below(8) {
            case 0: bytes.append(UInt8(truncatingIfNeeded: random.next()))
            case 1: bytes += [0x0D, 0x0A]
            case 2: bytes.append(random.pick([0x20, 0x09, 0x0D, 0x0A, 0x3D, 0x2E]))
            case 3...4: bytes += Array(String(random.pick(Self.chinese)).utf8)
            case 5: bytes += Array(random.pick(Self.emoji).utf8)
            default: bytes += Array(String(random.pick(Self.ascii)).utf8)
            }
        }
        return bytes
    }
}
