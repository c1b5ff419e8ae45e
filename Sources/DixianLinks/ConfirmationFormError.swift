import DixianCore

/// Why a confirmation form could not be accepted, with a stable code and a Chinese message for the page.
public struct ConfirmationFormError: Error, Sendable, Hashable, ContextualError {
    /// Stable error codes, safe to match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String

        /// Not a readable `application/x-www-form-urlencoded` UTF-8 body (bad `%XX`, invalid UTF-8, too large).
        public static let malformedBody = Code(description: "malformed_body")
        /// A field came twice; a browser never does that for this form.
        public static let duplicateField = Code(description: "duplicate_field")
        /// The achieved quantity is not a non-negative decimal number of reasonable size.
        public static let notANumber = Code(description: "not_a_number")
        /// The note is longer than ``ConfirmationForm/maximumNoteLength`` characters.
        public static let noteTooLong = Code(description: "note_too_long")
    }

    public var code: Code
    /// Chinese text to show above the form.
    public var message: String
    /// Short technical details for logs; never the note itself.
    public var context: [String: String]
    /// What was typed into the quantity field, to fill the form again (empty if the body was unreadable).
    public var achievedText: String
    /// What was typed into the note field, to fill the form again (empty if the body was unreadable).
    public var noteText: String

    public init(
        _ code: Code, _ message: String, context: [String: String] = [:], achievedText: String = "", noteText: String = ""
    ) {
        self.code = code
        self.message = message
        self.context = context
        self.achievedText = achievedText
        self.noteText = noteText
    }
}
