import Foundation

/// Why a delivery attempt failed, and whether trying again can help (临时/永久失败).
public struct DeliveryFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Transient failures are retried with backoff; permanent ones are dead-lettered at once.
    public enum Kind: String, Sendable, Hashable {
        case transient
        case permanent
        /// The endpoint is gone for good (HTTP 410): disable it.
        case endpointGone = "endpoint_gone"
    }

    public var kind: Kind
    /// What the server said, for the log (never a secret).
    public var reason: String
    /// The server's `Retry-After`, if it sent one.
    public var retryAfter: TimeInterval?

    public init(_ kind: Kind, _ reason: String, retryAfter: TimeInterval? = nil) {
        self.kind = kind
        self.reason = reason
        self.retryAfter = retryAfter
    }

    public var description: String { "\(kind.rawValue): \(reason)" }

    /// HTTP: 2xx is success (nil); 408, 429 and 5xx are transient; 410 disables the endpoint; other 4xx are permanent.
    public static func http(status: Int, retryAfter: TimeInterval? = nil) -> DeliveryFailure? {
        switch status {
        case 200..<300: nil
        case 408, 429, 500..<600: DeliveryFailure(.transient, "HTTP \(status)", retryAfter: retryAfter)
        case 410: DeliveryFailure(.endpointGone, "HTTP 410")
        default: DeliveryFailure(.permanent, "HTTP \(status)")
        }
    }

    /// SMTP reply codes: 2xx/3xx are not failures (nil); 4xx transient; 5xx permanent.
    public static func smtp(code: Int, text: String) -> DeliveryFailure? {
        switch code {
        case 200..<400: nil
        case 400..<500: DeliveryFailure(.transient, "SMTP \(code) \(text)")
        default: DeliveryFailure(.permanent, "SMTP \(code) \(text)")
        }
    }

    /// Parses `Retry-After`: delta seconds, or an HTTP date relative to `now`. Nil when absent or unreadable.
    public static func retryAfter(_ header: String?, now: Date) -> TimeInterval? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Int(header), seconds >= 0 { return TimeInterval(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: header) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
