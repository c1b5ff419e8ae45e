import Foundation
import ZIPFoundation

/// The ZIP archive of a workbook, read in memory through ZIPFoundation, handing out parts under a budget of
/// decompressed bytes.
///
/// The budget is enforced while inflating, chunk by chunk, and never trusts the sizes the archive declares: a
/// ZIP bomb stops at the limit instead of filling memory.
final class XLSXArchive {
    private let archive: Archive
    private var entries: [String: Entry] = [:]
    private var entriesByLowercasedPath: [String: Entry] = [:]
    private var remaining: Int
    private let limit: Int

    init(bytes: [UInt8], limits: TabularLimits) throws(TabularError) {
        try ZIPLayout.check(bytes)
        do {
            self.archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw TabularError(.invalidWorkbook, "不是有效的 XLSX(ZIP)文件 (not a readable XLSX/ZIP archive): \(error)")
        }
        self.limit = limits.maxUncompressedBytes
        self.remaining = limits.maxUncompressedBytes
        for entry in self.archive where entry.type == .file {
            let path = entry.path
            if self.entries[path] == nil { self.entries[path] = entry }
            if self.entriesByLowercasedPath[path.lowercased()] == nil {
                self.entriesByLowercasedPath[path.lowercased()] = entry
            }
        }
    }

    /// The decompressed bytes of a part, or nil when the archive has no such part. Paths are matched exactly,
    /// then ignoring case (some writers differ from the case their relationships name).
    func part(_ path: String) throws(TabularError) -> [UInt8]? {
        guard let entry = self.entries[path] ?? self.entriesByLowercasedPath[path.lowercased()] else { return nil }
        var bytes: [UInt8] = []
        // The declared size is only a hint for the first allocation, capped: it may lie.
        bytes.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(min(self.remaining, 1 << 26)))))
        var exceeded = false
        let budget = self.remaining
        do {
            _ = try self.archive.extract(entry, skipCRC32: false) { chunk in
                guard bytes.count + chunk.count <= budget else {
                    exceeded = true
                    throw CancellationError()
                }
                bytes.append(contentsOf: chunk)
            }
        } catch {
            if exceeded {
                throw TabularError(
                    .limitExceeded,
                    "XLSX 解压后超过 \(self.limit) 字节,疑为压缩炸弹 (decompressed size exceeds the limit)",
                    context: ["limit": "uncompressed_bytes", "part": path])
            }
            throw TabularError(
                .invalidWorkbook, "XLSX 部件 \(path) 无法解压 (cannot decompress a part): \(error)", context: ["part": path])
        }
        self.remaining -= bytes.count
        return bytes
    }

    /// A part that must exist.
    func requiredPart(_ path: String) throws(TabularError) -> [UInt8] {
        guard let bytes = try self.part(path) else {
            throw TabularError(
                .invalidWorkbook, "XLSX 文件缺少部件 \(path) (a required part is missing)", context: ["part": path])
        }
        return bytes
    }
}
