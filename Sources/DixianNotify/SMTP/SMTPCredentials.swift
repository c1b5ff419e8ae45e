/// A user name and password for SMTP AUTH. The password never appears in descriptions or logs.
public struct SMTPCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "\(self.username):****" }
    public var debugDescription: String { self.description }
}
