/// Gives freed heap back to the system (glibc's `malloc_trim`) after the planner's work.
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

#if os(Linux)
/// `int malloc_trim(size_t pad)` from glibc's `<malloc.h>`, which the Glibc module does not export.
@_silgen_name("malloc_trim")
private func mallocTrim(_ pad: Int) -> Int32
#endif
