#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Speaks systemd's notify protocol (`sd_notify(3)`) directly on `$NOTIFY_SOCKET`, without
/// libsystemd: one datagram of `KEY=value` lines per call.
///
/// Without `$NOTIFY_SOCKET` (not started by systemd with `Type=notify`), ``init(environment:)``
/// returns nil and callers hold an optional, so nothing is sent.
public struct SystemdNotifier: Sendable {
    /// The socket path; a leading `@` names the Linux abstract namespace.
    public let socketPath: String

    public init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = environment["NOTIFY_SOCKET"], !path.isEmpty,
              path.hasPrefix("/") || path.hasPrefix("@")
        else { return nil }
        self.socketPath = path
    }

    /// Sends the states in one datagram. Failures are returned, not thrown: a lost status line
    /// must never stop the daemon.
    @discardableResult
    public func notify(_ states: State...) -> Bool {
        self.notify(states)
    }

    @discardableResult
    public func notify(_ states: [State]) -> Bool {
        let message = states.map(\.line).joined(separator: "\n")
        return self.send(Array(message.utf8))
    }

    private func send(_ payload: [UInt8]) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(self.socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
        }
        // Abstract names are not NUL-terminated, so the length must be exact.
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        let sent = payload.withUnsafeBytes { body in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    sendto(fd, body.baseAddress, body.count, Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        }
        return sent == payload.count
    }
}
