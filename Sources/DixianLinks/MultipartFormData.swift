import Foundation

/// A `multipart/form-data` body (RFC 7578), as a browser sends a form with a file field: the console's evidence
/// upload (佐证材料). Parsed whole from bytes already read within a size limit; anything a browser would not send
/// (no closing delimiter, a part without `Content-Disposition: form-data; name=…`, header lines past
/// ``maximumHeaderLength``, more than ``maximumParts`` parts) is refused, never guessed at.
public struct MultipartFormData: Sendable, Hashable {
    /// One part: a text field, or a file when ``fileName`` is set.
    public struct Part: Sendable, Hashable {
        public var name: String
        /// The file's name as the browser sent it (UTF-8), nil for a text field.
        public var fileName: String?
        /// The part's `Content-Type`, nil when absent.
        public var contentType: String?
        public var body: [UInt8]

        public init(name: String, fileName: String? = nil, contentType: String? = nil, body: [UInt8]) {
            (self.name, self.fileName, self.contentType, self.body) = (name, fileName, contentType, body)
        }
    }

    /// More parts than any console form has fields.
    public static let maximumParts = 16
    /// One part's header block, in bytes.
    public static let maximumHeaderLength = 8 * 1024

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    /// The text of field `name` (UTF-8), nil when absent, a file, or not UTF-8.
    public func field(_ name: String) -> String? {
        guard let part = parts.first(where: { $0.name == name && $0.fileName == nil }) else { return nil }
        return String(validating: part.body, as: UTF8.self)
    }

    /// The file part `name`, nil when absent.
    public func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.fileName != nil }
    }

    /// The `boundary` parameter of a `multipart/form-data` content type; nil for any other type or a boundary
    /// RFC 2046 does not allow (1 to 70 characters of its set).
    public static func boundary(contentType: String) -> String? {
        let (value, parameters) = HeaderParameters.split(contentType)
        guard value.lowercased() == "multipart/form-data", let boundary = parameters["boundary"],
              (1...70).contains(boundary.utf8.count), boundary.utf8.allSatisfy(isBoundaryCharacter), boundary.last != " "
        else { return nil }
        return boundary
    }

    static func isBoundaryCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        default: Array("'()+_,-./:=? ".utf8).contains(byte)
        }
    }

    /// Parses `body` delimited by `boundary`.
    public static func parse(_ body: [UInt8], boundary: String) throws(MultipartFormDataError) -> MultipartFormData {
        let delimiter = Array("--\(boundary)".utf8)
        let separator = [UInt8(ascii: "\r"), UInt8(ascii: "\n")] + delimiter
        // The first delimiter opens the body or follows a preamble's line break.
        guard var cursor = body.starts(with: delimiter) ? delimiter.count : firstRange(of: separator, in: body[...]).map(\.upperBound) else {
            throw MultipartFormDataError(.malformed, context: ["reason": "no delimiter"])
        }
        var parts: [Part] = []
        while true {
            if body[cursor...].starts(with: Array("--".utf8)) { return MultipartFormData(parts: parts) }
            cursor = try skipLineEnd(body, from: cursor)
            guard parts.count < maximumParts else { throw MultipartFormDataError(.tooManyParts, context: ["parts": "\(parts.count + 1)"]) }
            guard let end = firstRange(of: separator, in: body[cursor...]) else {
                throw MultipartFormDataError(.malformed, context: ["reason": "no closing delimiter"])
            }
            parts.append(try part(body[cursor..<end.lowerBound]))
            cursor = end.upperBound
        }
    }

    /// After a delimiter: transport padding (spaces and tabs), then CRLF.
    static func skipLineEnd(_ body: [UInt8], from start: Int) throws(MultipartFormDataError) -> Int {
        var cursor = start
        while cursor < body.count, body[cursor] == UInt8(ascii: " ") || body[cursor] == UInt8(ascii: "\t") { cursor += 1 }
        guard body[cursor...].starts(with: [UInt8(ascii: "\r"), UInt8(ascii: "\n")]) else {
            throw MultipartFormDataError(.malformed, context: ["reason": "delimiter line"])
        }
        return cursor + 2
    }

    /// One part: header lines, an empty line, the content.
    static func part(_ bytes: ArraySlice<UInt8>) throws(MultipartFormDataError) -> Part {
        let blank = Array("\r\n\r\n".utf8)
        let headerEnd: Range<Int>
        if bytes.starts(with: [UInt8(ascii: "\r"), UInt8(ascii: "\n")]) {
            headerEnd = bytes.startIndex..<(bytes.startIndex + 2)
        } else if let found = firstRange(of: blank, in: bytes) {
            headerEnd = found
        } else {
            throw MultipartFormDataError(.malformed, context: ["reason": "part headers"])
        }
        guard headerEnd.lowerBound - bytes.startIndex <= maximumHeaderLength,
              let headerText = String(validating: bytes[bytes.startIndex..<headerEnd.lowerBound], as: UTF8.self)
        else { throw MultipartFormDataError(.malformed, context: ["reason": "part headers"]) }
        var disposition: String?
        var contentType: String?
        for line in headerText.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else { throw MultipartFormDataError(.malformed, context: ["reason": "header line"]) }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch line[..<colon].lowercased() {
            case "content-disposition": disposition = value
            case "content-type": contentType = value
            default: continue
            }
        }
        guard let disposition else { throw MultipartFormDataError(.malformed, context: ["reason": "no content-disposition"]) }
        let (kind, parameters) = HeaderParameters.split(disposition)
        guard kind.lowercased() == "form-data", let name = parameters["name"], !name.isEmpty else {
            throw MultipartFormDataError(.malformed, context: ["reason": "not form-data"])
        }
        let fileName = parameters["filename*"].flatMap(HeaderParameters.extendedValue) ?? parameters["filename"]
        return Part(name: name, fileName: fileName, contentType: contentType, body: Array(bytes[headerEnd.upperBound...]))
    }
}
