import Foundation

/// A header value with parameters, `form-data; name="file"; filename="整改照片.jpg"` (RFC 7578, RFC 9110's
/// parameters): the leading value and each parameter by lowercased name, quoted strings unquoted.
enum HeaderParameters {
    static func split(_ header: String) -> (value: String, parameters: [String: String]) {
        var scanner = Substring(header)
        let value = String(scanner.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
        scanner = scanner.drop { $0 != ";" }
        var parameters: [String: String] = [:]
        while scanner.first == ";" {
            scanner = scanner.dropFirst().drop { $0 == " " || $0 == "\t" }
            let name = scanner.prefix { $0 != "=" && $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
            scanner = scanner.dropFirst(scanner.prefix { $0 != "=" && $0 != ";" }.count)
            guard scanner.first == "=" else { continue }
            scanner = scanner.dropFirst().drop { $0 == " " || $0 == "\t" }
            let parameter: String
            if scanner.first == "\"" {
                (parameter, scanner) = quoted(scanner.dropFirst())
            } else {
                parameter = scanner.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
                scanner = scanner.drop { $0 != ";" }
            }
            // The first of a repeated parameter counts, as browsers never repeat one.
            if !name.isEmpty, parameters[name] == nil { parameters[name] = parameter }
            scanner = scanner.drop { $0 != ";" }
        }
        return (value, parameters)
    }

    /// The rest of a quoted string after its opening quote, with `\x` as `x`; stops at the closing quote.
    static func quoted(_ text: Substring) -> (String, Substring) {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if character == "\"" { return (result, text[index...]) }
            if character == "\\", index < text.endIndex {
                result.append(text[index])
                index = text.index(after: index)
            } else {
                result.append(character)
            }
        }
        return (result, text[text.endIndex...])
    }

    /// An RFC 8187 extended value, `UTF-8''%E6%95%B4%E6%94%B9.pdf`; nil for another charset or bad escapes.
    static func extendedValue(_ text: String) -> String? {
        let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { return nil }
        return String(pieces[2]).removingPercentEncoding
    }
}
