import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A `.rels` part: which part a relationship id names, and of what type (worksheet, shared strings, styles).
struct XLSXRelationships {
    struct Relationship {
        var type: String
        /// The target as a path inside the archive, resolved against the source part's folder.
        var path: String
    }

    private(set) var byID: [String: Relationship] = [:]
    private(set) var inOrder: [Relationship] = []

    /// Reads the `.rels` part of the part in `sourceFolder` (`""` for the package, `"xl"` for `xl/workbook.xml`).
    init(_ bytes: [UInt8], part: String, sourceFolder: String) throws {
        let handler = Handler(sourceFolder: sourceFolder)
        try XMLPartParser.parse(bytes, part: part, handler: handler)
        self.byID = handler.byID
        self.inOrder = handler.inOrder
    }

    init() {}

    /// The first relationship whose type ends with `/suffix` (types are URIs of two vocabularies, transitional
    /// and strict, that differ before the last segment).
    func first(typeSuffix suffix: String) -> Relationship? {
        self.inOrder.first { $0.type.hasSuffix("/" + suffix) }
    }

    /// `worksheets/sheet1.xml` from `xl` → `xl/worksheets/sheet1.xml`; `/xl/x.xml` → `xl/x.xml`; `..` is resolved.
    static func resolve(_ target: String, from folder: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : (folder.isEmpty ? target : folder + "/" + target)
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                _ = segments.popLast()
            } else {
                segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    private final class Handler: XMLPartHandler {
        let sourceFolder: String
        var byID: [String: Relationship] = [:]
        var inOrder: [Relationship] = []

        init(sourceFolder: String) {
            self.sourceFolder = sourceFolder
        }

        override func start(_ name: Substring, _ attributes: [String: String], _ parser: XMLParser) {
            guard name == "Relationship",
                let id = attributes["Id"], let type = attributes["Type"], let target = attributes["Target"],
                attributes["TargetMode"] != "External"
            else { return }
            let relationship = Relationship(type: type, path: XLSXRelationships.resolve(target, from: self.sourceFolder))
            if self.byID[id] == nil { self.byID[id] = relationship }
            self.inOrder.append(relationship)
        }
    }
}
