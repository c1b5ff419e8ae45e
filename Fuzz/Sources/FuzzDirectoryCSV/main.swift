import DixianDirectory
import Foundation
import LibFuzzerDriver

/// Plans a directory import of the input bytes (encoding sniffing, CSV, header, every row) as units and as
/// officials, as `dixian directory import` does before it touches the database; also the bare CSV reader
/// with both delimiters.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for kind in [DirectoryFileKind?.none, .units, .officials] {
        let plan = importer.plan(bytes: bytes, kind: kind)
        for issue in plan.fileIssues + plan.issues { _ = issue.description }
    }
    if let (text, _) = try? TextEncoding.decode(bytes) {
        for delimiter in [",", "\t"] as [Unicode.Scalar] {
            _ = try? CSVReader(delimiter: delimiter).records(text)
        }
    }
    return 0
}

/// The roles and sectors of the shipped plugins, as the command passes them.
let importer = DirectoryImporter(
    roles: RoleCatalogue(
        ids: ["village_cadre", "town_contact", "bureau_contact", "county_office", "county_leader"],
        sectors: ["education", "health", "housing", "water", "employment", "credit"]))

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzDirectoryCSV_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
