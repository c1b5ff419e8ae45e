extension TypedTemplate {
    /// Renders `nodes` onto `output`. Like swift-mustache: a section over a list renders once per item with the
    /// item on the stack; over `true` once, with nothing pushed; over any other present value once with that value
    /// pushed; an inverted section renders for a missing value, `false` or an empty list (which it pushes). A
    /// pragma changes the escaping for the rest of the nodes it is among, not for the caller's.
    static func render(_ nodes: [Node], stack: inout [MustacheValue], contentType: ContentType, into output: inout String) {
        var contentType = contentType
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .variable(let name, let escaped):
                guard let value = resolve(name, in: stack) else { continue }
                let text = value.renderedText
                if escaped, contentType == .html { appendEscapingHTML(text, to: &output) } else { output += text }
            case .section(let name, let inverted, let children):
                let value = resolve(name, in: stack)
                if inverted {
                    renderInverted(children, over: value, stack: &stack, contentType: contentType, into: &output)
                } else {
                    renderSection(children, over: value, stack: &stack, contentType: contentType, into: &output)
                }
            case .contentType(let type):
                contentType = type
            }
        }
    }

    private static func renderSection(
        _ children: [Node], over value: MustacheValue?, stack: inout [MustacheValue], contentType: ContentType,
        into output: inout String
    ) {
        switch value {
        case .list(let items):
            for item in items { renderPushing(item, children, stack: &stack, contentType: contentType, into: &output) }
        case .bool(let isTrue):
            if isTrue { render(children, stack: &stack, contentType: contentType, into: &output) }
        case .some(let value):
            renderPushing(value, children, stack: &stack, contentType: contentType, into: &output)
        case .none:
            break
        }
    }

    private static func renderInverted(
        _ children: [Node], over value: MustacheValue?, stack: inout [MustacheValue], contentType: ContentType,
        into output: inout String
    ) {
        switch value {
        case .list(let items):
            if items.isEmpty { renderPushing(.list(items), children, stack: &stack, contentType: contentType, into: &output) }
        case .bool(let isTrue):
            if !isTrue { render(children, stack: &stack, contentType: contentType, into: &output) }
        case .some:
            break
        case .none:
            render(children, stack: &stack, contentType: contentType, into: &output)
        }
    }

    private static func renderPushing(
        _ value: MustacheValue, _ children: [Node], stack: inout [MustacheValue], contentType: ContentType,
        into output: inout String
    ) {
        stack.append(value)
        render(children, stack: &stack, contentType: contentType, into: &output)
        stack.removeLast()
    }

    /// The value `name` names: its first segment in the nearest object on the stack that has it (or in the top
    /// object only for an anchored name), the other segments inside that value, with no further climbing.
    static func resolve(_ name: Name, in stack: [MustacheValue]) -> MustacheValue? {
        guard let first = name.segments.first else { return stack.last }
        if name.anchored { return stack.last.flatMap { descend(name.segments[...], from: $0) } }
        for object in stack.reversed() {
            if let child = object.member(first) { return descend(name.segments.dropFirst(), from: child) }
        }
        return nil
    }

    private static func descend(_ segments: ArraySlice<String>, from value: MustacheValue) -> MustacheValue? {
        var value = value
        for segment in segments {
            guard let child = value.member(segment) else { return nil }
            value = child
        }
        return value
    }

    /// The bytes of the five characters HTML escaping replaces.
    private static let htmlSpecialBytes: Set<UInt8> = Set("<>&\"'".utf8)

    /// `text` with swift-mustache's HTML escapes, which replace whole characters: a `<` that a combining mark
    /// joins into another character stays as it is. Text without any of the five bytes is copied as it is.
    static func appendEscapingHTML(_ text: String, to output: inout String) {
        guard text.utf8.contains(where: { Self.htmlSpecialBytes.contains($0) }) else {
            output += text
            return
        }
        for character in text {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
    }
}
