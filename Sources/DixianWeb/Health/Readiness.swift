import NIOConcurrencyHelpers

/// What `/readyz` reports (就绪状态): the problems that keep the daemon from doing its work,
/// and warnings that do not.
public struct Readiness: Sendable, Equatable, Codable {
    /// One thing wrong with one component (`database`, `migrations`, `configuration`, …).
    public struct Item: Sendable, Equatable, Codable {
        public var component: String
        public var message: String
    }

    public var problems: [Item]
    public var warnings: [Item]

    public var isReady: Bool { self.problems.isEmpty }

    /// The `STATUS=` line for systemd and the summary in logs.
    public var statusLine: String {
        if let first = self.problems.first {
            return "未就绪 (not ready): \(first.component): \(first.message)"
        }
        if let first = self.warnings.first {
            return "运行中,有警告 (running with warning): \(first.component): \(first.message)"
        }
        return "运行中 (running)"
    }
}

/// The daemon's shared, thread-safe readiness, fed by the monitors and read by `/readyz`.
public final class ReadinessState: Sendable {
    private struct Entry: Equatable {
        var message: String
        var isProblem: Bool
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    public init() {}

    /// Records a problem for a component; returns whether anything changed.
    @discardableResult
    public func setProblem(_ component: String, _ message: String) -> Bool {
        self.set(component, Entry(message: message, isProblem: true))
    }

    /// Records a warning for a component; returns whether anything changed.
    @discardableResult
    public func setWarning(_ component: String, _ message: String) -> Bool {
        self.set(component, Entry(message: message, isProblem: false))
    }

    /// Clears whatever was recorded for a component; returns whether anything changed.
    @discardableResult
    public func clear(_ component: String) -> Bool {
        self.entries.withLockedValue { $0.removeValue(forKey: component) != nil }
    }

    public var snapshot: Readiness {
        let entries = self.entries.withLockedValue { $0 }.sorted { $0.key < $1.key }
        return Readiness(
            problems: entries.filter { $0.value.isProblem }.map { .init(component: $0.key, message: $0.value.message) },
            warnings: entries.filter { !$0.value.isProblem }.map { .init(component: $0.key, message: $0.value.message) }
        )
    }

    private func set(_ component: String, _ entry: Entry) -> Bool {
        self.entries.withLockedValue { entries in
            guard entries[component] != entry else { return false }
            entries[component] = entry
            return true
        }
    }
}
