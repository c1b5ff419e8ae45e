import Foundation

/// This process's memory, as the kernel counts it: what a bench prints beside its rates.
enum ProcessMemory {
    /// `VmHWM` of /proc/self/status (the peak resident set) in bytes, 0 when unreadable.
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }
}
