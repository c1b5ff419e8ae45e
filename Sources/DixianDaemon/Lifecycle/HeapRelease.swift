import DixianCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Gives memory back to the system: freed heap (glibc's `malloc_trim`) after the planner's work, and start-up's
/// code after the planner's first tick.
///
/// A first tick, a screening or the demo county's import builds tens of megabytes and frees them, but glibc keeps
/// the freed pages in its arenas: the daemon's resident set stayed at about 106 MB after the demo's first start,
/// against 72 MB once trimmed and 59 MB for a restart with nothing to plan (issue 17's lean daemon).
enum HeapRelease {
    /// Returns free pages at the top and inside every arena; a few milliseconds on the daemon's small heap.
    static func trim() {
        #if os(Linux)
        _ = mallocTrim(0)
        #endif
    }
}

extension HeapRelease {
    /// At most two malloc arenas. glibc makes up to eight per core as threads contend, and each keeps its own
    /// freed pages: the demo county's daemon held 31 MB of anonymous memory with the default, 15 MB with two.
    /// Called first thing, before the threads that would make them.
    static func limitArenas() {
        #if os(Linux)
        _ = mallopt(mallocArenaMax, 2)
        #endif
    }

    /// Hands the pages of code and read-only data that start-up ran (migrations, plugin loading, the demo import,
    /// the first tick) back to the page cache after the planner's first tick (again after a lost leadership is
    /// regained, which is harmless) and after the demo county's import, which usually ends later:
    /// `madvise(MADV_PAGEOUT)` over every read-only file mapping. A replica that never plans never calls it; it
    /// ran less start-up code. The kernel faults back in, from the file, what the daemon runs from then on;
    /// without this the daemon kept 51 MB of mapped files resident, most of it never run again. Pages another
    /// process maps too are left alone by the kernel. Returns the bytes advised; 0 where that is not possible.
    @discardableResult
    static func releaseStartupCode() -> Int {
        #if os(Linux)
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return 0 }
        var advised = 0
        for mapping in MemoryMapping.parse(maps: maps) where mapping.isReadOnlyFileMapping {
            let length = Int(mapping.end - mapping.start)
            if madvise(UnsafeMutableRawPointer(bitPattern: mapping.start), length, madvPageout) == 0 { advised += length }
        }
        return advised
        #else
        return 0
        #endif
    }
}

#if os(Linux)
/// `MADV_PAGEOUT` (Linux 5.4), which older Glibc headers lack; a kernel without it answers EINVAL and nothing happens.
private let madvPageout: Int32 = 21
/// `M_ARENA_MAX` from `<malloc.h>`.
private let mallocArenaMax: Int32 = -8

/// `int mallopt(int param, int value)` from glibc's `<malloc.h>`, which the Glibc module does not export.
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32

/// `int malloc_trim(size_t pad)` from glibc's `<malloc.h>`, which the Glibc module does not export.
@_silgen_name("malloc_trim")
private func mallocTrim(_ pad: Int) -> Int32
#endif
