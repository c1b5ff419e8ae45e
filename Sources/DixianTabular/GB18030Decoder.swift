import Glibc

/// GB18030 to UTF-8 through glibc's `iconv`.
///
/// iconv rather than Foundation: it tells where the first undecodable byte is, so the error can name a line,
/// and it does not depend on which encodings a Foundation build carries.
enum GB18030Decoder {
    /// The byte offset at which decoding stopped: an invalid or truncated sequence.
    struct Failure: Error {
        var offset: Int
    }

    static func decode(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        let converter = iconv_open("UTF-8", "GB18030")
        guard let converter, converter != iconv_t(bitPattern: -1) else {
            // glibc always has GB18030 (gconv module); without it nothing can be decoded.
            throw Failure(offset: 0)
        }
        defer { iconv_close(converter) }
        // A GB18030 character never takes more than 1.5 times its bytes in UTF-8 (2 → 3, 4 → 4 or 3, 1 → 1).
        var output = [UInt8](repeating: 0, count: bytes.count + bytes.count / 2 + 16)
        var input = bytes
        var failure: Int?
        var written = 0
        input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inPointer = UnsafeMutableRawPointer(inputBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inputBuffer.count
                var outPointer = UnsafeMutableRawPointer(outputBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outputBuffer.count
                while inLeft > 0 {
                    if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 {
                        // EILSEQ (invalid), EINVAL (truncated at the end); E2BIG cannot happen with the bound above.
                        failure = inputBuffer.count - inLeft
                        break
                    }
                }
                written = outputBuffer.count - outLeft
            }
        }
        if let failure { throw Failure(offset: failure) }
        output.removeSubrange(written...)
        return output
    }
}
