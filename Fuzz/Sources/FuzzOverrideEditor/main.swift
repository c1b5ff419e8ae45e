import DixianCore
import DixianPlugins
import Foundation
import LibFuzzerDriver

/// Reads the input as an override document the console's form edits (``OverrideEditor``). Whatever it accepts, it
/// must write again as a text it accepts and writes identically, before and after setting and removing a parameter
/// and a duty's key. A crash, a hang, a sanitizer report or a failed precondition is the bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: Data(bytes: data, count: size), as: UTF8.self), var editor = OverrideEditor(text: text) else { return 0 }
    roundTrip(editor)
    editor.setParameter("p", "3")
    editor.setDuty("d", "reminders", #"["-3d@10:00"]"#)
    roundTrip(editor)
    precondition(editor.line(ofParameter: "p") != nil && editor.line(ofDuty: "d", key: "reminders") != nil, "a set key has no line")
    editor.setParameter("p", nil)
    editor.setDuty("d", "reminders", nil)
    precondition(editor.line(ofParameter: "p") == nil && editor.line(ofDuty: "d", key: "reminders") == nil, "a removed key kept its line")
    roundTrip(editor)
    return 0
}

/// The written text reads back to an editor that writes it identically.
func roundTrip(_ editor: OverrideEditor) {
    let written = editor.text
    guard let again = OverrideEditor(text: written) else { preconditionFailure("the editor's own text does not read back:\n\(written)") }
    precondition(again.text == written, "writing is not stable:\n\(written)\n---\n\(again.text)")
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzOverrideEditor_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
