import Glibc

/// One conversion through glibc's `iconv`, shared by ``GB18030Decoder`` and ``GB18030Encoder``.
enum Iconv {
    /// Converts `bytes` into an output of at most `capacity` bytes; on an invalid or truncated sequence, the
    /// output so far and the input offset where it stopped. Nil when the conversion is not available.
    static func convert(_ bytes: [UInt8], from source: String, to target: String, capacity: Int) -> (output: [UInt8], failedAt: Int?)? {
        let converter = iconv_open(target, source)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: capacity)
        var failure: Int?
        var written = 0
        input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inPointer = UnsafeMutableRawPointer(inputBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inputBuffer.count
                var outPointer = UnsafeMutableRawPointer(outputBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outputBuffer.count
                while inLeft > 0 {
                    // EILSEQ (invalid), EINVAL (truncated at the end); E2BIG cannot happen with the callers' bounds.
                    if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 {
                        failure = inputBuffer.count - inLeft
                        break
                    }
                }
                written = outputBuffer.count - outLeft
            }
        }
        return (Array(output.prefix(written)), failure)
    }
}
