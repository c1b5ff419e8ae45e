import DixianNotify
import Foundation
import LibFuzzerDriver

/// Encodes the input with every MIME encoder and decodes the result back with an independent decoder:
/// encoded-words (RFC 2047), quoted-printable (RFC 2045 §6.7), base64, SMTP dot-stuffing; and parses it as
/// a mail address. Line-length limits must hold and every round trip must give the input back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)

    let length = 20 + Int(bytes.first ?? 0) % (EncodedWord.maximumLength - 19)
    let words = EncodedWord.encode(text, maximumLength: length)
    var decoded: [UInt8] = []
    for word in words {
        precondition(word.utf8.count <= length, "encoded-word longer than \(length): \(word)")
        precondition(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="), "not an encoded-word: \(word)")
        let payload = word.dropFirst(10).dropLast(2)
        guard let piece = Data(base64Encoded: String(payload)) else { preconditionFailure("bad base64 in \(word)") }
        precondition(String(validating: Array(piece), as: UTF8.self) != nil, "word splits a character: \(word)")
        decoded += piece
    }
    precondition(decoded == Array(text.utf8), "encoded-words do not decode to the text")

    let lines = QuotedPrintable.encode(bytes)
    for line in lines {
        precondition(line.utf8.count <= QuotedPrintable.maximumLineLength, "quoted-printable line too long")
        precondition(line.utf8.allSatisfy { $0 == 0x09 || (0x20...0x7E).contains($0) }, "raw byte in QP")
    }
    precondition(decodeQuotedPrintable(lines) == bytes, "quoted-printable does not round-trip")

    precondition(Data(base64Encoded: Base64.encode(bytes)).map(Array.init) == bytes, "base64 does not round-trip")
    let base64Lines = Base64.encodeLines(bytes)
    precondition(base64Lines.allSatisfy { $0.utf8.count <= 76 }, "base64 line too long")
    precondition(Data(base64Encoded: base64Lines.joined()).map(Array.init) == bytes, "base64 lines do not round-trip")

    let stuffed = SMTPDotStuffing.stuff(bytes)
    precondition(stuffed.count >= bytes.count, "dot-stuffing lost bytes")

    if let address = try? MailAddress(parsing: text) {
        _ = address.description
        precondition(address.address.utf8.count <= MailAddress.maximumAddressLength, "address too long")
    }
    return 0
}

/// An independent quoted-printable decoder: `=XX` escapes, `=` at a line's end a soft break, lines joined by
/// CRLF.
func decodeQuotedPrintable(_ lines: [String]) -> [UInt8] {
    var output: [UInt8] = []
    for (number, line) in lines.enumerated() {
        let scalars = Array(line.utf8)
        var index = 0
        var soft = false
        while index < scalars.count {
            if scalars[index] == UInt8(ascii: "=") {
                if index == scalars.count - 1 {
                    soft = true
                    break
                }
                let hex = String(decoding: scalars[(index + 1)...(index + 2)], as: UTF8.self)
                output.append(UInt8(hex, radix: 16)!)
                index += 3
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        if !soft, number < lines.count - 1 { output += [0x0D, 0x0A] }
    }
    return output
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzMIME_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
