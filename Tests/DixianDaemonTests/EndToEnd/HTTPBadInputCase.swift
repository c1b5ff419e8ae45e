/// One generated bad request and what the daemon must answer: the status and a fragment of the body
/// (nil only where the HTTP decoder itself refuses, with an empty 400).
struct HTTPBadInputCase: Sendable, CustomStringConvertible {
    var name: String
    var request: [UInt8]
    var status: Int
    var fragment: String?
    /// Half-close after sending, for bodies cut short.
    var shutdown = false

    var description: String { self.name }
}
