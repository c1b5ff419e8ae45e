import DixianLinks
import Foundation
import LibFuzzerDriver

/// Verifies the input as a signed token for every action: an unsigned or altered token must be refused.
/// A token the fuzzer could make the signer accept would be a forgery, so acceptance is the crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let token = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for action in ActionLinkClaims.Action.allCases {
        do {
            let claims = try signer.verify(token, for: action, now: Date(timeIntervalSince1970: 1_780_000_000))
            preconditionFailure("forged token accepted: \(token) → \(claims)")
        } catch {
            _ = error.message
        }
    }
    return 0
}

/// A signer with a fixed secret the corpus never saw signing.
let signer = try! ActionLinkSigner(secrets: [Data(repeating: 0x5A, count: 32)])

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzActionLink_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
