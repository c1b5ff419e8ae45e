/// Reads one sheet of a workbook: finds it through the package's relationships, loads the shared strings and
/// styles it needs, then streams its rows.
struct XLSXReader {
    let bytes: [UInt8]
    let limits: TabularLimits

    /// The sheet names in tab order.
    func sheetNames() throws -> [String] {
        try self.workbook(XLSXArchive(bytes: self.bytes, limits: self.limits)).part.sheets.map(\.name)
    }

    /// Streams the rows of `sheet` (the first when nil), blank ones included, to `emit`.
    func read(sheet: String?, emit: (TabularRow) throws -> Void) throws {
        let archive = try XLSXArchive(bytes: self.bytes, limits: self.limits)
        let (workbook, relationships) = try self.workbook(archive)
        let chosen: XLSXWorkbookPart.Sheet
        if let sheet {
            guard let named = workbook.sheets.first(where: { $0.name == sheet }) else {
                let available = workbook.sheets.map(\.name).joined(separator: "、")
                throw TabularError(
                    .unknownSheet, "工作簿中没有名为“\(sheet)”的工作表;现有:\(available) (no such sheet)",
                    context: ["sheet": sheet, "available": available])
            }
            chosen = named
        } else {
            guard let first = workbook.sheets.first else {
                throw TabularError(.invalidWorkbook, "工作簿中没有工作表 (the workbook has no sheet)")
            }
            chosen = first
        }
        guard let sheetPath = relationships.byID[chosen.relationshipID]?.path else {
            throw TabularError(
                .invalidWorkbook, "找不到工作表“\(chosen.name)”的部件 (the sheet's part is not in the relationships)",
                context: ["sheet": chosen.name])
        }
        // A workbook without text cells has no shared strings, one without formatting may have no styles.
        let sharedStrings = try Self.optionalPart(archive, relationships, "sharedStrings", XLSXSharedStrings.init(_:part:))
            ?? XLSXSharedStrings()
        let styles = try Self.optionalPart(archive, relationships, "styles", XLSXStyles.init(_:part:)) ?? XLSXStyles()
        let sheetBytes = try archive.requiredPart(sheetPath)
        try withoutActuallyEscaping(emit) { emit in
            let handler = XLSXSheetHandler(
                sharedStrings: sharedStrings, styles: styles,
                dateSystem: workbook.uses1904Dates ? .date1904 : .date1900, limits: self.limits, emit: emit)
            try XMLPartParser.parse(sheetBytes, part: sheetPath, handler: handler)
        }
    }

    /// The part of the workbook's relationship of type `suffix`, read by `make`, or nil when there is none.
    private static func optionalPart<Part>(
        _ archive: XLSXArchive, _ relationships: XLSXRelationships, _ suffix: String,
        _ make: ([UInt8], String) throws -> Part
    ) throws -> Part? {
        guard let path = relationships.first(typeSuffix: suffix)?.path, let bytes = try archive.part(path) else {
            return nil
        }
        return try make(bytes, path)
    }

    /// The workbook part (found through the package relationships, `xl/workbook.xml` when they do not say) and
    /// its relationships.
    private func workbook(_ archive: XLSXArchive) throws -> (part: XLSXWorkbookPart, relationships: XLSXRelationships) {
        var workbookPath = "xl/workbook.xml"
        if let rels = try archive.part("_rels/.rels"),
            let office = try XLSXRelationships(rels, part: "_rels/.rels", sourceFolder: "").first(typeSuffix: "officeDocument")
        {
            workbookPath = office.path
        }
        let part = try XLSXWorkbookPart(archive.requiredPart(workbookPath), part: workbookPath)
        let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let file = workbookPath.split(separator: "/").last.map(String.init) ?? "workbook.xml"
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        let relationships = try archive.part(relsPath).map {
            try XLSXRelationships($0, part: relsPath, sourceFolder: folder)
        } ?? XLSXRelationships()
        return (part, relationships)
    }
}
