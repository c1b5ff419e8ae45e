import Foundation
import ZIPFoundation

/// The ZIP archive of a workbook, read in memory, handing out parts under a budget of decompressed bytes.
///
/// ``ZIPDirectory`` finds the parts; ZIPFoundation only inflates them, fed from the part's own bytes and nothing
/// after them, so a stream that never ends is an error at the part's end instead of a loop. The budget is
/// enforced while inflating, chunk by chunk, and never trusts the sizes the archive declares: a ZIP bomb stops at
/// the limit instead of filling memory.
final class XLSXArchive {
    private let bytes: [UInt8]
    private var entries: [String: ZIPDirectory.Entry] = [:]
    private var entriesByLowercasedPath: [String: ZIPDirectory.Entry] = [:]
    private var remaining: Int
    private let limit: Int

    init(bytes: [UInt8], limits: TabularLimits) throws(TabularError) {
        let directory = try ZIPDirectory(bytes)
        self.bytes = bytes
        self.limit = limits.maxUncompressedBytes
        self.remaining = limits.maxUncompressedBytes
        for entry in directory.entries {
            if self.entries[entry.path] == nil { self.entries[entry.path] = entry }
            if self.entriesByLowercasedPath[entry.path.lowercased()] == nil {
                self.entriesByLowercasedPath[entry.path.lowercased()] = entry
            }
        }
    }

    /// The decompressed bytes of a part, or nil when the archive has no such part. Paths are matched exactly,
    /// then ignoring case (some writers differ from the case their relationships name).
    func part(_ path: String) throws(TabularError) -> [UInt8]? {
        guard let entry = self.entries[path] ?? self.entriesByLowercasedPath[path.lowercased()] else { return nil }
        let bytes: [UInt8]
        let checksum: UInt32
        switch entry.method {
        case .stored:
            guard entry.compressedSize <= self.remaining else { throw self.bomb(path) }
            bytes = Array(self.bytes[entry.dataRange])
            checksum = Data(bytes).crc32(checksum: 0)
        case .deflated:
            (bytes, checksum) = try self.inflate(entry, path: path)
        }
        guard checksum == entry.crc32 else {
            throw TabularError(
                .invalidWorkbook, "XLSX 部件 \(path) 校验和不符 (a part fails its CRC-32 check)", context: ["part": path])
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

    private struct StreamEndsEarly: Error {}

    /// The part inflated, with the CRC-32 the inflater computed over it on the way.
    private func inflate(_ entry: ZIPDirectory.Entry, path: String) throws(TabularError) -> (bytes: [UInt8], crc32: UInt32) {
        var output: [UInt8] = []
        // The declared size is only a hint for the first allocation, capped: it may lie.
        output.reserveCapacity(min(entry.uncompressedSize, self.remaining, 1 << 26))
        var exceeded = false
        let budget = self.remaining
        let input = entry.dataRange
        let checksum: UInt32
        do {
            checksum = try Data.decompress(
                size: Int64(entry.compressedSize), bufferSize: 1 << 16, skipCRC32: false,
                provider: { position, size in
                    let start = input.lowerBound + Int(position)
                    guard start < input.upperBound else { throw StreamEndsEarly() }
                    // ZIPFoundation tells zlib every chunk holds `size` bytes (`avail_in = bufferSize`), also the
                    // last, shorter one: a damaged stream then read past its end (the XLSX fuzzer found it, an
                    // out-of-bounds read in inflate). Zeros after the entry keep every read inside the chunk; a
                    // valid stream ends before them, a damaged one fails on them.
                    var chunk = Data(self.bytes[start..<min(input.upperBound, start + size)])
                    if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                    return chunk
                },
                consumer: { chunk in
                    guard output.count + chunk.count <= budget else {
                        exceeded = true
                        throw CancellationError()
                    }
                    output.append(contentsOf: chunk)
                })
        } catch {
            if exceeded { throw self.bomb(path) }
            throw TabularError(
                .invalidWorkbook, "XLSX 部件 \(path) 无法解压 (cannot decompress a part): \(error)", context: ["part": path])
        }
        return (output, checksum)
    }

    private func bomb(_ path: String) -> TabularError {
        TabularError(
            .limitExceeded, "XLSX 解压后超过 \(self.limit) 字节,疑为压缩炸弹 (decompressed size exceeds the limit)",
            context: ["limit": "uncompressed_bytes", "part": path])
    }
}
