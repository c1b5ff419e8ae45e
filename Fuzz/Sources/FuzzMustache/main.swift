import DixianMustache
import LibFuzzerDriver
import Mustache

/// A context with every kind of value, HTML's special characters, nested objects and lists.
let context: MustacheValue = [
    "a": "<&\"'>", "b": true, "c": false, "s": "甲乙", "list": .list(["x", .bool(true), ["a": "内"]]), "empty": .list([]),
    "obj": ["a": "对象", "list": .list(["y"]), "obj": ["b": "深"]],
]

/// Differential: the input as a template. Where swift-mustache rejects it the typed parser must too; where both
/// accept it they must render the same text. The typed parser may decline what swift-mustache accepts (partials,
/// transforms and the like), and then dixian renders with swift-mustache.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let reference = try? MustacheTemplate(string: text)
    let typed: TypedTemplate?
    do {
        typed = try TypedTemplate(parsing: text)
    } catch {
        precondition(reference == nil || error.code == .unsupported, "a template swift-mustache accepts: \(error)")
        return 0
    }
    guard let typed else { return 0 }
    guard let reference else { preconditionFailure("a template swift-mustache rejects was parsed") }
    let expected = reference.render(context.anyValue)
    let rendered = typed.render(context)
    precondition(rendered == expected, "rendered \(rendered.debugDescription), swift-mustache \(expected.debugDescription)")
    return 0
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzMustache_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
