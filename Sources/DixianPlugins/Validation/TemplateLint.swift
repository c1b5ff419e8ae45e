import DixianCore
import Foundation

/// Checks one template part against the Mustache subset of plugins/README.md §9, the way
/// scripts/plugin-reference-check.py does, reporting each problem at its offset in the text.
struct TemplateLint {
    /// A problem at a Unicode-scalar offset of the text.
    struct Issue: Equatable {
        var offset: Int
        var message: String
        var hint: String?
    }

    /// The problems found.
    private(set) var issues: [Issue] = []
    /// Every variable and section name used, in order (`param.x` included).
    private(set) var usedNames: [String] = []

    /// Lints `text`, the part `part` (`subject`, `text`, `html`, `chat`), knowing the declared `parameters`.
    init(text: String, part: String, parameters: Set<String>) {
        let scalars = Array(text.unicodeScalars)
        var stack: [(name: String, offset: Int)] = []
        var index = 0
        while let open = Self.find("{{", in: scalars, from: index) {
            guard let close = Self.find("}}", in: scalars, from: open + 2) else { break }
            index = close + 2
            var body = String(String.UnicodeScalarView(scalars[(open + 2)..<close]))
            if body.hasPrefix("{") {
                issues.append(
                    Issue(
                        offset: open, message: "不允许三重花括号 {{{…}}} (triple mustaches are not allowed)",
                        hint: "模板不做转义之外的处理，直接写 {{name}} / write {{name}}"))
                if index < scalars.count, scalars[index] == "}" { index += 1 }
                continue
            }
            let sigil = body.unicodeScalars.first.map(Character.init)
            if let sigil, "&>=".contains(sigil) {
                issues.append(
                    Issue(
                        offset: open, message: "不允许的标签 {{\(body)}} (tag not allowed)",
                        hint: "只允许变量、区块、反向区块和注释 / only variables, sections, inverted sections, comments"))
                continue
            }
            if sigil == "!" { continue }
            var kind: Character?
            if let sigil, "#^/".contains(sigil) {
                kind = sigil
                body.removeFirst()
            }
            let name = body.trimmingCharacters(in: .whitespacesAndNewlines)
            if name == "." {
                let enclosing = stack.last.flatMap { TemplateCatalogue.variables[$0.name] }
                if enclosing != .list {
                    issues.append(
                        Issue(
                            offset: open, message: "{{.}} 只能用在列表区块内 (only inside a section over a list)",
                            hint: "如 / e.g. {{#evidence.items}}{{.}}{{/evidence.items}}"))
                }
                continue
            }
            guard Self.isName(name) else {
                issues.append(Issue(offset: open, message: "无效的变量名 '\(name)' (bad variable name)"))
                continue
            }
            if name.hasPrefix("param.") {
                let parameter = String(name.dropFirst("param.".count))
                if !parameters.contains(parameter) {
                    issues.append(
                        Issue(
                            offset: open, message: "未声明的参数 '\(parameter)' (unknown parameter in {{\(name)}})",
                            hint: Self.suggestion(parameter, among: parameters.sorted(), prefix: "param.")))
                }
            } else if TemplateCatalogue.variables[name] == nil {
                issues.append(
                    Issue(
                        offset: open, message: "未知的模板变量 '\(name)' (unknown template variable)",
                        hint: Self.suggestion(name, among: TemplateCatalogue.variables.keys.sorted(), prefix: "")))
            }
            switch kind {
            case "#", "^":
                stack.append((name, open))
            case "/":
                if stack.last?.name == name {
                    stack.removeLast()
                } else {
                    issues.append(
                        Issue(
                            offset: open, message: "区块结束标签不匹配 {{/\(name)}} (unbalanced section close)",
                            hint: stack.last.map { "应为 / expected {{/\($0.name)}}" }))
                }
            default:
                break
            }
            usedNames.append(name)
        }
        for open in stack {
            issues.append(
                Issue(
                    offset: open.offset, message: "区块 {{#\(open.name)}} 未结束 (unclosed section)",
                    hint: "补上 / add {{/\(open.name)}}"))
        }
        if part == "chat" { lintChat(scalars) }
        if part == "subject", text.trimmingCharacters(in: .newlines).contains(where: \.isNewline) {
            issues.append(Issue(offset: 0, message: "邮件主题必须是单行 (subject must be a single line)"))
        }
    }

    /// Chat goes to a group: no personal data, no signed links, no ID-number literals.
    private mutating func lintChat(_ scalars: [Unicode.Scalar]) {
        var reported: Set<String> = []
        for name in usedNames where TemplateCatalogue.isForbiddenInChat(name) && reported.insert(name).inserted {
            let offset = Self.find(name, in: scalars, from: 0).map { max(0, $0 - 2) } ?? 0
            issues.append(
                Issue(
                    offset: offset, message: "群聊文本不能使用 {{\(name)}} (not allowed in chat text)",
                    hint: "群聊不得含个人信息或签名链接 / chat must not carry personal data or signed links; 用 {{links.view}}"))
        }
        var run = 0
        for (offset, scalar) in scalars.enumerated() {
            let digit = ("0"..."9").contains(scalar)
            if run == 17, digit || scalar == "X" || scalar == "x" {
                issues.append(Issue(offset: offset - 17, message: "群聊文本中不能出现身份证号 (ID number literal in chat text)"))
                run = 0
                continue
            }
            run = digit ? run + 1 : 0
        }
    }

    /// `^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$`.
    static func isName(_ name: String) -> Bool {
        let segments = name.split(separator: ".", omittingEmptySubsequences: false)
        return segments.allSatisfy { segment in
            guard let first = segment.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
            return segment.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
            }
        }
    }

    private static func suggestion(_ name: String, among names: [String], prefix: String) -> String? {
        Diagnostic.nearest(to: name, in: names).map { "是不是 '\(prefix)\($0)'? / did you mean '\(prefix)\($0)'?" }
    }

    private static func find(_ needle: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        guard !pattern.isEmpty, scalars.count >= pattern.count, start <= scalars.count - pattern.count else {
            return nil
        }
        for index in start...(scalars.count - pattern.count) where scalars[index] == pattern[0] {
            if Array(scalars[index..<(index + pattern.count)]) == pattern { return index }
        }
        return nil
    }
}
