/// One line of `/proc/<pid>/maps` (内存映射): an address range, its permissions and the file mapped there.
///
/// `7f12a4c00000-7f12a4e00000 r-xp 00001000 fd:01 1234567   /usr/bin/dixian`: start and end in hex, four
/// permission letters, offset, device, inode, then the path, which may hold spaces and is empty for anonymous
/// memory. Read by ``HeapRelease`` to find the code mapped from files.
public struct MemoryMapping: Sendable, Hashable {
    public var start: UInt
    public var end: UInt
    /// `r-xp`: readable, not writable, executable, private.
    public var permissions: String
    /// The mapped file, or a pseudo-name such as `[heap]`; empty for anonymous memory.
    public var path: String

    public init(start: UInt, end: UInt, permissions: String, path: String) {
        self.start = start
        self.end = end
        self.permissions = permissions
        self.path = path
    }

    /// The mapping a line describes; nil for a line of any other shape (the range reversed, a permission field that
    /// is not four letters, a field missing).
    public init?(mapsLine line: Substring) {
        let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard fields.count >= 5 else { return nil }
        let range = fields[0].split(separator: "-", omittingEmptySubsequences: false)
        guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16), start < end
        else { return nil }
        let permissions = fields[1]
        guard permissions.utf8.count == 4, permissions.allSatisfy({ "rwxps-".contains($0) }) else { return nil }
        self.init(
            start: start, end: end, permissions: String(permissions),
            path: fields.count == 6 ? String(fields[5].drop { $0 == " " }) : "")
    }

    /// Every mapping `text` lists, in order; lines of another shape are skipped.
    public static func parse(maps text: String) -> [MemoryMapping] {
        text.split(separator: "\n").compactMap { MemoryMapping(mapsLine: $0) }
    }

    /// Code and read-only data mapped from a file: pages the kernel can read again from that file at any time.
    public var isReadOnlyFileMapping: Bool {
        path.hasPrefix("/") && !permissions.contains("w")
    }
}
