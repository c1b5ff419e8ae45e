#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DixianCore
import Foundation
import Logging

/// A swift-log handler writing one line per event to stderr, as logfmt or JSON.
///
/// Each line is written with a single `write(2)`, so lines from concurrent tasks never interleave.
/// Secrets never reach it: configuration secrets are `Secret` values that print `<redacted>`, and
/// resident ID numbers in the message or metadata are masked here (``PersonalDataMask``).
public struct LogLineHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let settings: LogSettings
    private let fileDescriptor: Int32
    private var levelOverride: Logger.Level?

    public init(label: String, settings: LogSettings = .shared, fileDescriptor: Int32 = STDERR_FILENO) {
        self.label = label
        self.settings = settings
        self.fileDescriptor = fileDescriptor
    }

    /// The shared level, unless a caller set one on this logger explicitly.
    public var logLevel: Logger.Level {
        get { self.levelOverride ?? self.settings.level }
        set { self.levelOverride = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = self.metadata
        if let provided = self.metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let line = Self.format(
            timestamp: Date(), level: event.level, label: self.label,
            message: "\(event.message)", metadata: merged, as: self.settings.format
        )
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { buffer in
            _ = write(self.fileDescriptor, buffer.baseAddress, buffer.count)
        }
    }

    /// Renders one event; pure, so tests check the exact text.
    public static func format(
        timestamp: Date, level: Logger.Level, label: String, message: String,
        metadata: Logger.Metadata, as format: LogSettings.Format
    ) -> String {
        let time = timestamp.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        // The last line of defence for resident ID numbers (DESIGN.md: personal data never in full in logs).
        var fields: [(String, String)] = [
            ("ts", time), ("level", level.rawValue), ("logger", label), ("msg", PersonalDataMask.maskingIDNumbers(in: message)),
        ]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            fields.append((key, PersonalDataMask.maskingIDNumbers(in: "\(value)")))
        }
        switch format {
        case .logfmt:
            return fields.map { "\($0.0)=\(logfmtValue($0.1))" }.joined(separator: " ")
        case .json:
            return "{" + fields.map { "\(jsonString($0.0)):\(jsonString($0.1))" }.joined(separator: ",") + "}"
        }
    }

    static func logfmtValue(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains {
            $0 == " " || $0 == "=" || $0 == "\"" || $0.value < 0x20
        }
        guard needsQuotes else { return value }
        return jsonString(value)
    }

    /// A JSON string literal; logfmt's quoting uses the same escapes.
    static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
