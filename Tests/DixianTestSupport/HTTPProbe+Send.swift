import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An HTTP answer as a test sees it.
public struct HTTPAnswer: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: String

    /// A header by name, case-insensitively.
    public func header(_ name: String) -> String? {
        self.headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}

extension HTTPProbe {
    /// Sends `method path` with optional headers and body; nil when nothing answers.
    public static func send(
        _ method: String, _ address: String, _ path: String, headers: [String: String] = [:], body: String? = nil
    ) async -> HTTPAnswer? {
        guard let url = URL(string: "http://\(address)\(path)") else { return nil }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 30
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = Data(body.utf8)
            if headers["Content-Type"] == nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        }
        guard let (data, response) = try? await URLSession.shared.data(for: request),
              let http = response as? HTTPURLResponse
        else { return nil }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name] = value }
        }
        return HTTPAnswer(status: http.statusCode, headers: fields, body: String(decoding: data, as: UTF8.self))
    }
}
