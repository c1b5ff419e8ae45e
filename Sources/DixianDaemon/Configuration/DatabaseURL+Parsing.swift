import DixianCore
import Foundation

extension DatabaseURL {
    /// Why a database URL could not be parsed. Its text never contains the password: the URL appears
    /// only with the password masked as `****`, and nothing is quoted from before the last `@`.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong, Chinese first.
        public var message: String
        /// How to fix it.
        public var hint: String?

        public var description: String {
            hint.map { "\(message) (\($0))" } ?? message
        }
    }

    /// The query parameters dixian understands; libpq has many more, which would be silently ignored here.
    static let supportedParameters = ["host", "sslmode", "sslrootcert"]

    /// Parses a `postgres://` or `postgresql://` URL.
    ///
    /// The user information ends at the *last* `@`, so a password with an unencoded `@`, `/` or `:`
    /// still works; the price is that an `@` after it (say in `sslrootcert`) must be written `%40`.
    public init(parsing text: String) throws(ParseError) {
        let masked = Self.masked(text)
        func failure(_ reason: String, hint: String? = nil) -> ParseError {
            let quoted = masked.map { " '\($0)'" } ?? ""
            return ParseError(message: "无效的数据库 URL\(quoted) (invalid database URL): \(reason)", hint: hint)
        }

        guard let schemeEnd = text.range(of: "://"),
            ["postgres", "postgresql"].contains(text[..<schemeEnd.lowerBound].lowercased())
        else {
            throw failure(
                "应以 postgres:// 或 postgresql:// 开头 (must start with postgres:// or postgresql://)",
                hint: "如 / e.g. postgres://dixian@db.example:5432/dixian"
            )
        }
        // A stray newline or space (a second line in a credential file, a paste) would otherwise end up
        // silently in the database name or password.
        let isBlankOrControl = { (scalar: Unicode.Scalar) in
            scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F
        }
        guard !text.unicodeScalars.contains(where: isBlankOrControl) else {
            throw failure(
                "不能含空白或控制字符 (must not contain whitespace or control characters)",
                hint: "空格请写作 / write a space as %20"
            )
        }
        var rest = text[schemeEnd.upperBound...]

        var user = ""
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let colon = userInfo.firstIndex(of: ":")
            guard let decodedUser = String(userInfo[..<(colon ?? userInfo.endIndex)]).removingPercentEncoding else {
                throw failure("用户名的百分号编码无效 (invalid percent-encoding in user)")
            }
            user = decodedUser
            if let colon {
                guard let decoded = String(userInfo[userInfo.index(after: colon)...]).removingPercentEncoding else {
                    throw failure("密码的百分号编码无效 (invalid percent-encoding in password)")
                }
                password = decoded
            }
        }
        guard !user.isEmpty else {
            throw failure("缺少用户名 (missing user)", hint: "如 / e.g. postgres://dixian@db.example/dixian")
        }
        guard !rest.contains("#") else {
            throw failure("不支持 '#' 片段 (fragments are not supported)", hint: "'#' 请写作 / write it as %23")
        }

        let query: Substring
        if let questionMark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: questionMark)...]
            rest = rest[..<questionMark]
        } else {
            query = ""
        }
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count).dropFirst()

        var (host, port) = try Self.parseAuthority(authority, failure: failure)
        guard let database = String(path).removingPercentEncoding else {
            throw failure("数据库名的百分号编码无效 (invalid percent-encoding in database name)")
        }

        let parameters = try Self.parseQuery(query, failure: failure)
        if let hostParameter = parameters["host"] {
            host = hostParameter.hasPrefix("/") ? .unixSocket(directory: hostParameter) : .network(hostParameter)
        }
        guard let host, host != .network("") else {
            throw failure(
                "缺少主机 (missing host)",
                hint: "如 / e.g. @db.example:5432, 或 unix 套接字 / or a socket ?host=/run/postgresql"
            )
        }
        var sslMode: SSLMode?
        if let value = parameters["sslmode"] {
            guard let mode = SSLMode(rawValue: value) else {
                let modes = SSLMode.allCases.map(\.rawValue)
                throw failure(
                    "无效的 sslmode '\(value)' (invalid sslmode)",
                    hint: Diagnostic.suggestionHint(for: value, among: modes, noun: "可选值 / allowed values")
                )
            }
            sslMode = mode
        }
        self.init(
            user: user,
            password: password,
            host: host,
            port: port ?? 5432,
            database: database.isEmpty ? nil : database,
            sslMode: sslMode,
            sslRootCertificate: parameters["sslrootcert"]
        )
    }

    /// `host`, `host:port`, `[v6]:port`, or empty (host given as a parameter). A host that decodes to an
    /// absolute path is a socket directory, as in libpq (`%2Frun%2Fpostgresql`).
    private static func parseAuthority(
        _ authority: Substring,
        failure: (String, String?) -> ParseError
    ) throws(ParseError) -> (Host?, Int?) {
        var hostText = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw failure("IPv6 地址缺少 ']' (missing ']')", nil)
            }
            hostText = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else {
                    throw failure("']' 后应为 ':端口' (expected ':port' after ']')", nil)
                }
                portText = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            hostText = authority[..<colon]
            let afterColon = authority[authority.index(after: colon)...]
            portText = afterColon
            guard !afterColon.contains(":") else {
                throw failure(
                    "IPv6 地址需加方括号 (IPv6 addresses need brackets)",
                    "如 / e.g. postgres://u@[::1]:5432/db"
                )
            }
        }
        guard !hostText.contains(",") else {
            throw failure("不支持多个主机 (multiple hosts are not supported)", nil)
        }
        var port: Int?
        if let portText {
            guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(portText),
                (1...65535).contains(number)
            else {
                throw failure("端口应为 1-65535 (port must be 1-65535)", nil)
            }
            port = number
        }
        guard let decoded = String(hostText).removingPercentEncoding else {
            throw failure("主机名的百分号编码无效 (invalid percent-encoding in host)", nil)
        }
        if decoded.isEmpty {
            return (nil, port)
        }
        return (decoded.hasPrefix("/") ? .unixSocket(directory: decoded) : .network(decoded), port)
    }

    /// `name=value&…`, percent-decoded; only ``supportedParameters``, each at most once.
    private static func parseQuery(
        _ query: Substring,
        failure: (String, String?) -> ParseError
    ) throws(ParseError) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = String(parts[0]).removingPercentEncoding,
                let value = String(parts.count > 1 ? parts[1] : "").removingPercentEncoding
            else {
                throw failure("参数的百分号编码无效 (invalid percent-encoding in a parameter)", nil)
            }
            guard supportedParameters.contains(name) else {
                let hint = Diagnostic.suggestionHint(
                    for: name,
                    among: supportedParameters,
                    noun: "支持的参数 / supported parameters"
                )
                throw failure("不支持的参数 '\(name)' (unsupported parameter)", hint)
            }
            guard parameters[name] == nil else {
                throw failure("参数 '\(name)' 重复 (duplicate parameter)", nil)
            }
            guard !value.isEmpty else {
                throw failure("参数 '\(name)' 缺少值 (parameter has no value)", nil)
            }
            parameters[name] = value
        }
        return parameters
    }

    /// The URL with its password replaced by `****`, or nil when the text does not even look like a URL
    /// (it might be a bare password or a `key=value` connection string, so it is not shown at all).
    static func masked(_ text: String) -> String? {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let rest = text[schemeEnd.upperBound...]
        if let at = rest.lastIndex(of: "@") {
            guard let colon = rest[..<at].firstIndex(of: ":") else { return text }
            return text[..<colon] + ":****" + text[at...]
        }
        // No '@': `postgres://user:password` with the host forgotten still holds a password; only a
        // numeric port after the colon is safe to show.
        let authority = rest.prefix { !"/?#".contains($0) }
        guard !authority.hasPrefix("["), let colon = authority.firstIndex(of: ":"),
            !authority[authority.index(after: colon)...].allSatisfy({ $0.isASCII && $0.isNumber })
        else { return text }
        return text[..<colon] + ":****" + text[authority.endIndex...]
    }
}
