import DixianCore

/// Why a `multipart/form-data` body was refused, with a stable code and a Chinese message for the page.
public struct MultipartFormDataError: Error, Sendable, Hashable, ContextualError {
    /// Stable error codes, safe to match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String

        /// Not a `multipart/form-data` body a browser sends: no delimiter, no closing one, a part without its
        /// `Content-Disposition`.
        public static let malformed = Code(description: "malformed_multipart")
        /// More than ``MultipartFormData/maximumParts`` parts.
        public static let tooManyParts = Code(description: "too_many_parts")
    }

    public var code: Code
    /// Chinese text to show above the form.
    public var message: String
    /// Short technical details for logs; never a field's content.
    public var context: [String: String]

    public init(_ code: Code, _ message: String = "上传的内容无法识别，请返回重新选择文件。", context: [String: String] = [:]) {
        (self.code, self.message, self.context) = (code, message, context)
    }
}
