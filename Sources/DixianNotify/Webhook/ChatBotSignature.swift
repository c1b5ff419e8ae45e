import Crypto
import Foundation

/// The signatures Chinese chat-bot platforms require of custom bots (自定义机器人加签).
public enum ChatBotSignature {
    /// DingTalk (钉钉): `sign = urlEncode(base64(HMAC-SHA256(key: secret, message: "timestamp\nsecret")))` with a
    /// millisecond timestamp; both go into the webhook URL's query (`&timestamp=…&sign=…`).
    public static func dingTalk(secret: String, timestamp: Date) -> (timestamp: String, sign: String) {
        let milliseconds = String(Int64((timestamp.timeIntervalSince1970 * 1000).rounded(.down)))
        let mac = HMAC<SHA256>.authenticationCode(
            for: Array("\(milliseconds)\n\(secret)".utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return (milliseconds, Data(mac).base64EncodedString())
    }

    /// The DingTalk webhook URL with `timestamp` and the percent-encoded `sign` appended.
    public static func dingTalkURL(_ webhook: String, secret: String, timestamp: Date) -> String {
        let (milliseconds, sign) = dingTalk(secret: secret, timestamp: timestamp)
        let separator = webhook.contains("?") ? "&" : "?"
        return "\(webhook)\(separator)timestamp=\(milliseconds)&sign=\(percentEncode(sign))"
    }

    /// Feishu (飞书): `sign = base64(HMAC-SHA256(key: "timestamp\nsecret", message: empty))` with a timestamp in
    /// seconds; both go into the JSON body (`"timestamp"`, `"sign"`).
    public static func feishu(secret: String, timestamp: Date) -> (timestamp: String, sign: String) {
        let seconds = String(Int64(timestamp.timeIntervalSince1970.rounded(.down)))
        let mac = HMAC<SHA256>.authenticationCode(
            for: [UInt8](), using: SymmetricKey(data: Array("\(seconds)\n\(secret)".utf8)))
        return (seconds, Data(mac).base64EncodedString())
    }

    /// RFC 3986 unreserved characters kept, everything else `%XX` (base64's `+`, `/`, `=`).
    static func percentEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || "-._~".unicodeScalars.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
