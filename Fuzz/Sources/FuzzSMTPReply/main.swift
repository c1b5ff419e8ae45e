import DixianNotify
import Foundation
import LibFuzzerDriver

/// Feeds the input to the SMTP reply parser in one piece and again in chunks of a size the first byte chooses:
/// however the network cuts the stream, the same replies come out, and a protocol error is found either way.
///
/// Only the replies before an error may differ: `feed` throws for the whole call, so replies completed earlier
/// in the same call are not returned (the session ends on the error anyway). So the replies of the whole-input
/// run must be a prefix of the chunked run's, and equal when there is no error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = replies(bytes, chunk: max(bytes.count, 1))
    let chunk = Int(bytes.first ?? 1) % 7 + 1
    let pieces = replies(bytes, chunk: chunk)
    precondition(whole.error == pieces.error, "an error depends on how the stream is split")
    if whole.error == nil {
        precondition(whole.replies == pieces.replies, "replies depend on how the stream is split")
    } else {
        precondition(pieces.replies.starts(with: whole.replies), "replies depend on how the stream is split")
    }
    return 0
}

/// The replies, and the first error's code, parsing `bytes` fed `chunk` bytes at a time.
func replies(_ bytes: [UInt8], chunk: Int) -> (replies: [String], error: String?) {
    var parser = SMTPReplyParser()
    var result: [String] = []
    var index = 0
    while index < bytes.count {
        let end = min(index + chunk, bytes.count)
        do {
            for reply in try parser.feed(bytes[index..<end]) {
                precondition((0...999).contains(reply.code), "reply code \(reply.code)")
                result.append(reply.description)
            }
        } catch {
            return (result, error.code.description)
        }
        index = end
    }
    return (result, nil)
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzSMTPReply_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
