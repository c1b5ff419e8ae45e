import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension DutyCommand {
    /// `--count`: a plain decimal ≥ 0 (`12`, `12.5`), parsed exactly. `Decimal(string:)` alone would
    /// accept `12abc` as 12 and `-1`, so the text is checked first.
    struct Quantity: ExpressibleByArgument, Sendable {
        let value: Decimal

        init?(argument: String) {
            let parts = argument.split(separator: ".", omittingEmptySubsequences: false)
            let digits = { (part: Substring) in !part.isEmpty && part.allSatisfy { ("0"..."9").contains($0) } }
            guard argument.count <= 30, (1...2).contains(parts.count), parts.allSatisfy(digits),
                  let value = Decimal(string: argument, locale: Locale(identifier: "en_US_POSIX"))
            else { return nil }
            self.value = value
        }
    }

    /// The actor the CLI records without `--by`: `cli:<login name>`. The login name of the terminal
    /// comes first, so `sudo dixian duty done …` records the person rather than root.
    static func operatorActor() -> String {
        if let login = getlogin(), let name = String(validatingCString: login), !name.isEmpty {
            return "cli:" + name
        }
        if let entry = getpwuid(geteuid()), let pointer = entry.pointee.pw_name,
           let name = String(validatingCString: pointer), !name.isEmpty
        {
            return "cli:" + name
        }
        return "cli:uid\(geteuid())"
    }

    /// A note or reason: trimmed, at most 2000 characters; empty is nil.
    static func freeText(_ text: String?, option: String) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard text.count <= 2000 else {
            throw ValidationError("\(option) 超过 2000 个字符 (\(option) longer than 2000 characters)")
        }
        return text
    }
}
