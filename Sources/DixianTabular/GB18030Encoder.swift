/// UTF-8 text to GB18030 through glibc's `iconv`, for CSV files that Excel on a Chinese Windows opens directly.
/// GB18030 covers all of Unicode, so every string encodes.
public enum GB18030Encoder {
    public struct Failure: Error, Sendable {}

    public static func encode(_ text: String) throws(Failure) -> [UInt8] {
        let input = Array(text.utf8)
        // A character never takes more than 4 bytes in GB18030, nor fewer than 1 in UTF-8.
        guard let (output, failedAt) = Iconv.convert(input, from: "UTF-8", to: "GB18030", capacity: input.count * 4 + 16), failedAt == nil
        else { throw Failure() }
        return output
    }
}
