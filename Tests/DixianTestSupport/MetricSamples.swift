import Foundation

/// The samples of a Prometheus text exposition, for tests that read `/metrics`. Label values may hold any UTF-8
/// (town names); escapes other than `\"` and `\\` do not occur in dixian's figures.
public struct MetricSamples: Sendable {
    public struct Sample: Sendable, Hashable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    public var samples: [Sample]

    public init(_ exposition: String) {
        samples = exposition.split(separator: "\n").compactMap { Self.sample(String($0)) }
    }

    /// The samples of one metric whose labels include `matching`.
    public func named(_ name: String, _ matching: [String: String] = [:]) -> [Sample] {
        samples.filter { sample in sample.name == name && matching.allSatisfy { sample.labels[$0.key] == $0.value } }
    }

    /// The sum of those samples' values (0 when there is none).
    public func sum(_ name: String, _ matching: [String: String] = [:]) -> Double {
        named(name, matching).map(\.value).reduce(0, +)
    }

    private static func sample(_ line: String) -> Sample? {
        guard !line.hasPrefix("#"), let valueStart = line.lastIndex(of: " "), let value = Double(line[line.index(after: valueStart)...])
        else { return nil }
        let series = line[..<valueStart]
        guard let open = series.firstIndex(of: "{") else { return Sample(name: String(series), labels: [:], value: value) }
        var labels: [String: String] = [:]
        var rest = series[series.index(after: open)...]
        while let equals = rest.firstIndex(of: "=") {
            let key = rest[..<equals].trimmingCharacters(in: CharacterSet(charactersIn: ", "))
            var text = ""
            var index = rest.index(equals, offsetBy: 2)
            while index < rest.endIndex, rest[index] != "\"" {
                if rest[index] == "\\" { index = rest.index(after: index) }
                text.append(rest[index])
                index = rest.index(after: index)
            }
            labels[key] = text
            rest = rest[rest.index(after: index)...]
        }
        return Sample(name: String(series[..<open]), labels: labels, value: value)
    }
}
