import DixianCore
internal import Yams

extension YAMLDocument {
    /// Reports what ``Options/strict`` forbids below `root`: anchors (and so aliases), explicit tags, merge
    /// keys, and more than `maximumNodeCount` nodes. Returns whether the document is acceptable.
    ///
    /// Yams resolves aliases while composing, so an alias is an ordinary copy of its anchored node by the
    /// time we see the tree, carrying the anchor's mark. libyaml starts a node's mark at its properties, so
    /// the scalar at a node's mark is `&` exactly when the node is anchored and `!` when it is tagged (no
    /// plain scalar can start with either). The walk never descends into an anchored node, so the copies
    /// an alias bomb would multiply are never visited.
    static func checkStrictness(
        of root: Node,
        source: SourceText,
        file: String,
        options: Options,
        diagnostics: DiagnosticCollector
    ) -> Bool {
        var walker = StrictnessWalker(source: source, file: file, options: options, diagnostics: diagnostics)
        walker.visit(root)
        return walker.isAcceptable
    }
}

private struct StrictnessWalker {
    let source: SourceText
    let file: String
    let options: YAMLDocument.Options
    let diagnostics: DiagnosticCollector
    private(set) var isAcceptable = true
    private var visited = 0
    private var reportedAnchors: Set<Diagnostic.Location> = []
    private var exhausted = false

    init(source: SourceText, file: String, options: YAMLDocument.Options, diagnostics: DiagnosticCollector) {
        self.source = source
        self.file = file
        self.options = options
        self.diagnostics = diagnostics
    }

    mutating func visit(_ node: Node) {
        guard !exhausted else { return }
        visited += 1
        if let limit = options.maximumNodeCount, visited > limit {
            exhausted = true
            fail(
                at: location(of: node), "YAML 节点过多，超过 \(limit) 个 (document has too many nodes)",
                hint: "文件过大或含别名炸弹 / file too large or an alias bomb")
            return
        }
        let here = location(of: node)
        switch source.scalar(line: here.line, column: here.column) {
        case "&":
            // Report each anchor once, however many aliases copied it.
            if reportedAnchors.insert(here).inserted {
                fail(
                    at: here, "不允许使用锚点和别名 (anchors and aliases are not allowed)",
                    hint: "请直接写出内容 / write the content out")
            }
            return
        case "!":
            fail(
                at: here, "不允许使用显式标签 (explicit tags are not allowed)",
                hint: "去掉 ! 标签；字符串请加引号 / remove the tag; quote strings")
        default:
            break
        }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                if case .scalar(let scalar) = key, scalar.style == .plain, scalar.string == "<<" {
                    fail(
                        at: location(of: key), "不允许使用合并键 '<<' (merge keys are not allowed)",
                        hint: "请直接写出各键 / write the keys out")
                }
                visit(key)
                visit(value)
            }
        case .sequence(let sequence):
            for item in sequence {
                visit(item)
            }
        case .scalar, .alias:
            break
        }
    }

    private func location(of node: Node) -> Diagnostic.Location {
        Diagnostic.Location(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    private mutating func fail(at location: Diagnostic.Location, _ message: String, hint: String) {
        isAcceptable = false
        diagnostics.error(message, at: location, hint: hint)
    }
}
