#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A real datagram socket standing in for systemd's `$NOTIFY_SOCKET`.
public final class NotifySocketReceiver: @unchecked Sendable {
    /// What to put in `NOTIFY_SOCKET`: a path, or `@name` for the abstract namespace.
    public let address: String
    private let fd: Int32

    /// Binds a socket at `path`, or in the abstract namespace when `abstract` is true.
    public init(path: String, abstract: Bool = false) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        self.fd = fd
        guard fd >= 0 else { throw TestSupportError("socket() failed: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        if abstract { bytes.insert(0, at: 0) }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (abstract ? 0 : 1))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        self.address = abstract ? "@" + path : path
        guard result == 0 else { throw TestSupportError("bind(\(path)) failed: errno \(errno)") }
    }

    deinit {
        close(self.fd)
        if self.address.hasPrefix("/") { unlink(self.address) }
    }

    /// The next datagram, or nil after `timeout`.
    public func receive(timeout: Duration) -> String? {
        var pollDescriptor = pollfd(fd: self.fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&pollDescriptor, 1, milliseconds) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(self.fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    /// Collects datagrams until one contains `line` (returning all seen so far), or nil on timeout.
    public func receive(until line: String, timeout: Duration) -> [String]? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var seen: [String] = []
        while ContinuousClock.now < deadline {
            guard let message = self.receive(timeout: deadline - ContinuousClock.now) else { break }
            seen.append(message)
            if message.split(separator: "\n").contains(where: { $0 == line }) { return seen }
        }
        return nil
    }
}
