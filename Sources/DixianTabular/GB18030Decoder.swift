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
        // A GB18030 character never takes more than 1.5 times its bytes in UTF-8 (2 → 3, 4 → 4 or 3, 1 → 1).
        // glibc always has GB18030 (gconv module); without it nothing can be decoded.
        guard let (output, failedAt) = Iconv.convert(bytes, from: "GB18030", to: "UTF-8", capacity: bytes.count + bytes.count / 2 + 16)
        else { throw Failure(offset: 0) }
        if let failedAt { throw Failure(offset: failedAt) }
        return output
    }
}
