extension MessageRenderer {
    /// Which parts of a template to render (要渲染的部分). A channel sends either the mail parts or the chat
    /// part, never both, and rendering is most of a delivery's CPU: a chat channel that rendered the text and
    /// HTML bodies as well spent two thirds of its rendering on parts it threw away. The subject is always
    /// rendered: generic webhooks carry it beside the chat text.
    public struct Parts: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Subject, text and html: what a mailbox receives. ``RenderedContent/chat`` stays empty.
        public static let mail = Parts(rawValue: 1 << 0)
        /// Subject and chat text: what a chat group or webhook receives. ``RenderedContent/text`` stays empty
        /// and ``RenderedContent/html`` nil.
        public static let chat = Parts(rawValue: 1 << 1)
        /// Every part, for previews and tests.
        public static let all: Parts = [.mail, .chat]

        /// The parts a channel sends: the mail parts when it carries email, else the chat part.
        public static func sentBy(carriesEmail: Bool) -> Parts { carriesEmail ? .mail : .chat }
    }
}
