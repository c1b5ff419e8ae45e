import Foundation

extension MultipartFormData {
    /// The first occurrence of `needle` in `bytes`, as indices of the array the slice is part of. It steps with
    /// libc's `memchr` and compares with `memcmp`: a 10 MiB file part is searched in milliseconds even in a debug
    /// build, where the generic `firstRange(of:)` took seconds and, under the test suite's load, longer than a
    /// client waits.
    static func firstRange(of needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Range<Int>? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        let offset = bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                guard let base = haystack.baseAddress, let first = pattern.first, let patternBase = pattern.baseAddress else { return nil }
                let lastStart = haystack.count - pattern.count
                var cursor = 0
                while cursor <= lastStart {
                    guard let hit = memchr(base + cursor, Int32(first), lastStart - cursor + 1) else { return nil }
                    let index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + index, patternBase, pattern.count) == 0 { return index }
                    cursor = index + 1
                }
                return nil
            }
        }
        return offset.map { (bytes.startIndex + $0)..<(bytes.startIndex + $0 + needle.count) }
    }
}
