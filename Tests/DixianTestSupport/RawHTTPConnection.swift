#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One TCP connection to the daemon under test, byte for byte: for requests no HTTP client would send
/// (NUL bytes, truncated bodies, trickled heads) and for holding connections open.
public final class RawHTTPConnection: @unchecked Sendable {
    private var descriptor: Int32

    /// Connects to `HOST:PORT` (IPv4).
    public init(_ address: String) throws {
        guard let colon = address.lastIndex(of: ":"), let port = UInt16(address[address.index(after: colon)...]) else {
            throw TestSupportError("bad address \(address)")
        }
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestSupportError("socket() failed: errno \(errno)") }
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        inet_pton(AF_INET, String(address[..<colon]), &socketAddress.sin_addr)
        let result = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Glibc.close(descriptor)
            throw TestSupportError("connect() failed: errno \(errno)")
        }
        self.descriptor = descriptor
    }

    deinit { self.close() }

    /// Sends all of `bytes`; false when the peer is gone.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(self.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    @discardableResult
    public func send(_ text: String) -> Bool { self.send(Array(text.utf8)) }

    /// Half-closes: the server sees the end of the request stream but may still answer.
    public func shutdownWrite() { shutdown(self.descriptor, Int32(SHUT_WR)) }

    /// Reads until the peer closes or `timeout` passes (or, with `untilResponse`, until one complete answer
    /// arrived); `closed` tells whether the peer closed.
    public func read(timeout: Duration, untilResponse: Bool = false) -> (bytes: [UInt8], closed: Bool) {
        var received: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 65536)
        while ContinuousClock.now < deadline {
            if untilResponse, RawHTTPResponse(received)?.isComplete == true { return (received, false) }
            let remaining = deadline - ContinuousClock.now
            let milliseconds = Int32(max(1, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000))
            var descriptorSet = pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptorSet, 1, milliseconds) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return (received, true) }
            received += buffer[0..<count]
        }
        return (received, false)
    }

    /// Whether the peer has closed the connection (without waiting).
    public var isClosedByPeer: Bool {
        var descriptorSet = pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptorSet, 1, 0) > 0 else { return false }
        var byte: UInt8 = 0
        return recv(self.descriptor, &byte, 1, Int32(MSG_PEEK)) <= 0
    }

    public func close() {
        if self.descriptor >= 0 {
            Glibc.close(self.descriptor)
            self.descriptor = -1
        }
    }

    /// Sends `request` on a new connection (half-closing after it with `shutdown`) and reads one answer.
    public static func exchange(_ address: String, _ request: [UInt8], shutdown: Bool = false, timeout: Duration = .seconds(30)) throws -> RawHTTPResponse? {
        let connection = try RawHTTPConnection(address)
        defer { connection.close() }
        connection.send(request)
        if shutdown { connection.shutdownWrite() }
        return RawHTTPResponse(connection.read(timeout: timeout, untilResponse: true).bytes)
    }
}

/// An answer as read off the wire: status, headers (names lowercased), body.
public struct RawHTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: String
    /// Whether the whole body announced by `Content-Length` arrived.
    public var isComplete: Bool

    public init?(_ bytes: [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = head[0].split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = Array(bytes[(end + 4)...])
        let length = headers["content-length"].flatMap(Int.init) ?? body.count
        self.status = status
        self.headers = headers
        self.body = String(decoding: body.prefix(length), as: UTF8.self)
        self.isComplete = body.count >= length
    }
}
