import Foundation

/// A browser's part of the console, over raw HTTP/1.1: a cookie jar, no redirects followed, every `Set-Cookie`
/// seen (Foundation's URLSession shares one cookie store per process, which parallel tests must not).
public final class ConsoleClient: @unchecked Sendable {
    /// One answer, headers in order (several `Set-Cookie` lines stay apart).
    public struct Answer: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: String
        /// The body as sent (a workbook is not text).
        public var bytes: [UInt8] = []

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        public func headers(_ name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }

        /// The value of the first hidden `csrf` field of the page.
        public var csrf: String? {
            guard let range = body.range(of: #"name="csrf" value="([0-9a-f]{64})""#, options: .regularExpression) else { return nil }
            return String(body[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
        }
    }

    public let address: String
    /// The cookies the server set and has not deleted, by name.
    public private(set) var cookies: [String: String] = [:]

    public init(_ address: String) {
        self.address = address
    }

    public func get(_ path: String) throws -> Answer {
        try exchange("GET", path, body: nil)
    }

    /// POSTs a form (`application/x-www-form-urlencoded`).
    public func post(_ path: String, form: [(String, String)]) throws -> Answer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = form.map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
        return try exchange("POST", path, body: Array(body.utf8), contentType: "application/x-www-form-urlencoded")
    }

    /// POSTs raw bytes with a content type of the caller's (a `multipart/form-data` upload, say).
    public func post(_ path: String, contentType: String, body: [UInt8]) throws -> Answer {
        try exchange("POST", path, body: body, contentType: contentType)
    }

    /// Sets or deletes a cookie by hand (an attacker's request without the session's cookie, say).
    public func setCookie(_ name: String, _ value: String?) {
        cookies[name] = value
    }

    private func exchange(_ method: String, _ path: String, body: [UInt8]?, contentType: String? = nil) throws -> Answer {
        var request = "\(method) \(path) HTTP/1.1\r\nHost: \(address)\r\nConnection: close\r\n"
        if !cookies.isEmpty {
            request += "Cookie: " + cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") + "\r\n"
        }
        if let body, let contentType {
            request += "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
        }
        request += "\r\n"
        let connection = try RawHTTPConnection(address)
        defer { connection.close() }
        connection.send(Array(request.utf8) + (body ?? []))
        let bytes = connection.read(timeout: .seconds(60), untilResponse: true).bytes
        guard let answer = Self.parse(bytes) else { throw TestSupportError("no HTTP answer to \(method) \(path)") }
        for line in answer.headers("Set-Cookie") { remember(line) }
        return answer
    }

    private func remember(_ line: String) {
        let attributes = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let pair = attributes.first, let equals = pair.firstIndex(of: "=") else { return }
        let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
        let deleted = attributes.contains { $0.lowercased() == "max-age=0" } || value.isEmpty
        cookies[name] = deleted ? nil : value
    }

    static func parse(_ bytes: [UInt8]) -> Answer? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4, let end = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
            return nil
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = head[0].split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        var headers: [(String, String)] = []
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let body = Array(bytes[(end + 4)...])
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? body.count
        return Answer(
            status: status, headers: headers, body: String(decoding: body.prefix(length), as: UTF8.self), bytes: Array(body.prefix(length)))
    }
}
