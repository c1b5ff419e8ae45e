import DixianCore

/// A file attached to an email (附件), such as the weekly bulletin's workbook: written base64, with its file
/// name in RFC 2231 form so a Chinese name arrives intact in every client that follows the standard.
public struct MailAttachment: Sendable, Hashable {
    /// The file name the recipient sees, with every resident ID number masked.
    public let filename: String
    /// `type/subtype`, e.g. `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`.
    public let contentType: String
    public let bytes: [UInt8]

    /// The XLSX content type.
    public static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    private static let tokenCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&^_.+-".utf8)

    /// Refuses a name with a line break, slash or NUL (it could start a header or name a path) and a content
    /// type that is not one `type/subtype` token pair.
    public init(filename: String, contentType: String, bytes: [UInt8]) throws(MIMEError) {
        guard !filename.isEmpty, !MIMEError.breaksHeaderLine(filename), !filename.contains("/"), !filename.contains("\\") else {
            throw MIMEError(.invalidAttachment, "附件文件名无效 (invalid attachment file name)", context: ["filename": filename])
        }
        let halves = contentType.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, halves.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Self.tokenCharacters.contains) }) else {
            throw MIMEError(.invalidAttachment, "附件类型无效 (invalid attachment content type)", context: ["type": contentType])
        }
        self.filename = PersonalDataMask.maskingIDNumbers(in: filename)
        self.contentType = contentType.lowercased()
        self.bytes = bytes
    }

    /// The part's header and base64 body lines.
    func partLines() -> [String] {
        [HeaderFolding.fold(name: "Content-Type", tokens: [self.contentType]), "Content-Disposition: attachment;"]
            + Self.filenameParameter(self.filename).map { " " + $0 }
            + ["Content-Transfer-Encoding: base64", ""]
            + Base64.encodeLines(self.bytes)
    }

    /// `filename*=UTF-8''…` percent-encoded (RFC 2231 §4), split into numbered continuations (§3) of at most
    /// 60 characters so no header line grows past 78, each on its own folded line, `;`-separated.
    static func filenameParameter(_ name: String) -> [String] {
        var encoded: [String] = []
        for byte in name.utf8 {
            let plain = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "-._~".utf8.contains(byte)
            let hex = [QuotedPrintable.hexDigits[Int(byte >> 4)], QuotedPrintable.hexDigits[Int(byte & 0x0F)]]
            encoded.append(plain ? String(UnicodeScalar(byte)) : "%" + String(decoding: hex, as: UTF8.self))
        }
        var chunks: [String] = ["UTF-8''"]
        for piece in encoded {
            if chunks[chunks.count - 1].count + piece.count > 60 { chunks.append("") }
            chunks[chunks.count - 1] += piece
        }
        if chunks.count == 1 { return ["filename*=\(chunks[0])"] }
        return chunks.enumerated().map { index, chunk in
            "filename*\(index)*=\(chunk)" + (index < chunks.count - 1 ? ";" : "")
        }
    }
}
