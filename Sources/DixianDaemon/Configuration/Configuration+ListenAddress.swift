extension Configuration {
    /// A `HOST:PORT` to listen on; IPv6 hosts are written in brackets, `[::1]:8080`.
    public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
        /// Host name or IP address, without brackets.
        public var host: String
        /// TCP port; 0 asks the system for a free one (useful in tests).
        public var port: Int

        /// Creates an address.
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// Parses `HOST:PORT` or `[IPV6]:PORT`.
        public init(parsing text: String) throws(ParseError) {
            let hostPart: Substring
            let portPart: Substring
            if text.hasPrefix("[") {
                guard let close = text.firstIndex(of: "]") else {
                    throw ParseError(message: "缺少 ']' (missing ']')")
                }
                hostPart = text[text.index(after: text.startIndex)..<close]
                let rest = text[text.index(after: close)...]
                guard rest.first == ":" else {
                    throw ParseError(message: "缺少端口 (missing port)", hint: "如 / e.g. [::1]:8080")
                }
                portPart = rest.dropFirst()
                guard hostPart.contains(":"), hostPart.allSatisfy(\.isIPv6LiteralCharacter) else {
                    throw ParseError(message: "无效的 IPv6 地址 (invalid IPv6 address)")
                }
            } else {
                guard let colon = text.lastIndex(of: ":") else {
                    throw ParseError(message: "缺少端口 (missing port)", hint: "如 / e.g. 127.0.0.1:8080")
                }
                hostPart = text[..<colon]
                portPart = text[text.index(after: colon)...]
                guard !hostPart.contains(":") else {
                    throw ParseError(
                        message: "IPv6 地址需加方括号 (IPv6 addresses need brackets)",
                        hint: "如 / e.g. [::1]:8080"
                    )
                }
                guard !hostPart.isEmpty else {
                    throw ParseError(
                        message: "缺少主机 (missing host)",
                        hint: "所有地址 / all interfaces: 0.0.0.0:8080, [::]:8080"
                    )
                }
                guard hostPart.allSatisfy(\.isHostNameCharacter) else {
                    throw ParseError(message: "无效的主机名 (invalid host name)")
                }
            }
            guard !portPart.isEmpty, portPart.allSatisfy({ $0.isASCII && $0.isNumber }),
                let port = Int(portPart), (0...65535).contains(port)
            else {
                throw ParseError(message: "端口应为 0-65535 的整数 (port must be an integer 0-65535)")
            }
            self.init(host: String(hostPart), port: port)
        }

        /// Whether the host means every interface (`0.0.0.0`, `::`) rather than one address.
        public var isWildcard: Bool {
            ["0.0.0.0", "::", "0:0:0:0:0:0:0:0"].contains(host)
        }

        /// `host:port`, or `[host]:port` for IPv6.
        public var description: String {
            host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }

        /// The `http://` address a browser uses to reach a server listening here, the default of
        /// `links.base_url`. A wildcard (`0.0.0.0`, `::`) is no address to browse to, so it becomes
        /// `127.0.0.1`, reachable from this machine only: a daemon serving other machines sets `links.base_url`
        /// to the name they know it by (often behind a reverse proxy with TLS).
        public var browserURL: String {
            let host = isWildcard ? "127.0.0.1" : self.host
            // An IPv6 zone (`fe80::1%eth0`) is written `%25` in a URL (RFC 6874).
            let shown = host.contains(":") ? "[\(host.replacingOccurrences(of: "%", with: "%25"))]" : host
            return "http://\(shown):\(port)"
        }

        /// Why a listen address could not be parsed.
        public struct ParseError: Error, Sendable, Hashable {
            /// What is wrong, Chinese first.
            public var message: String
            /// How to fix it.
            public var hint: String?
        }
    }
}

extension Character {
    /// Letters, digits, `-`, `.` and `_`: what an IPv4 address or DNS name is made of.
    fileprivate var isHostNameCharacter: Bool {
        isASCII && (isLetter || isNumber || self == "-" || self == "." || self == "_")
    }

    /// Hex digits, `:`, `.` (embedded IPv4) and `%` with a zone name such as `eth0`.
    fileprivate var isIPv6LiteralCharacter: Bool {
        isASCII && (isHexDigit || isLetter || isNumber || self == ":" || self == "." || self == "%")
    }
}
