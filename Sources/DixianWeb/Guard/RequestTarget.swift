import DixianLinks

/// Checks of the request target (请求地址) and of text fields, made before routing and before any
/// database work: PostgreSQL refuses NUL in text, and a request that cannot be read as UTF-8 is the
/// client's mistake (400), never the database's (503).
enum RequestTarget {
    /// Why `target` (path and query as sent) is refused, or nil: only printable ASCII, valid `%XX` escapes,
    /// and escapes that decode to UTF-8 text without control characters.
    static func problem(_ target: String) -> String? {
        guard target.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            return "请求地址含有空格、控制字符或未编码的非 ASCII 字符 (request target has raw spaces, control or non-ASCII bytes)"
        }
        let pathEnd = target.firstIndex(of: "?") ?? target.endIndex
        let path = target[..<pathEnd]
        for segment in path.split(separator: "/") {
            if let problem = Self.decodingProblem(segment) { return "路径" + problem }
        }
        if pathEnd < target.endIndex {
            do {
                _ = try Self.queryParameters(String(target[target.index(after: pathEnd)...]))
            } catch {
                return error.message
            }
        }
        return nil
    }

    /// The query's `name=value` pairs, both percent-decoded strictly; an error names the first bad one.
    static func queryParameters(_ query: String?) throws(TextProblem) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        var pairs: [(name: String, value: String)] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let equals = item.firstIndex(of: "=") ?? item.endIndex
            let rawName = item[..<equals]
            let rawValue = equals < item.endIndex ? item[item.index(after: equals)...] : ""
            guard case .success(let name) = Self.decode(rawName) else {
                throw TextProblem("查询参数名\(Self.decodingProblem(rawName) ?? "无效") (bad query parameter name)")
            }
            switch Self.decode(rawValue) {
            case .success(let value): pairs.append((name, value))
            case .failure(let problem): throw TextProblem("查询参数 \(name) \(problem.message)")
            }
        }
        return pairs
    }

    /// What is wrong with one percent-encoded component, or nil.
    static func decodingProblem(_ component: Substring) -> String? {
        if case .failure(let problem) = Self.decode(component) { return problem.message }
        return nil
    }

    /// Strict decoding as a form field: `+` is a space, every `%` starts two hex digits, the bytes are UTF-8,
    /// and no control characters.
    static func decode(_ component: Substring) -> Result<String, TextProblem> {
        guard let text = FormURLEncoding.decodeComponent(ArraySlice(component.utf8)) else {
            return .failure(TextProblem("含有无效的 % 转义或不是有效的 UTF-8 (invalid percent escape or UTF-8)"))
        }
        if let problem = TextProblem.controlCharacters(in: text, allowingLineBreaks: false) { return .failure(problem) }
        return .success(text)
    }
}
