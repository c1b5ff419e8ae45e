import DixianCore
import Foundation
import Testing

@Suite("MemoryMapping: lines of /proc/<pid>/maps")
struct MemoryMappingTests {
    @Test("a file mapping, an anonymous one, a pseudo-name and a path with spaces")
    func shapes() throws {
        let text = """
            55d0c2a00000-55d0c4000000 r-xp 00a00000 fd:01 131 /usr/bin/dixian
            7f0000000000-7f0000021000 rw-p 00000000 00:00 0
            7ffd3a1f0000-7ffd3a211000 rw-p 00000000 00:00 0                          [stack]
            7f12a4c00000-7f12a4e00000 r--p 00000000 fd:01 77 /opt/my swift/lib/libswiftCore.so
            not a mapping
            7f0000000000-7e0000000000 r-xp 00000000 fd:01 1 /reversed
            """
        let mappings = MemoryMapping.parse(maps: text)
        #expect(mappings.count == 4)
        #expect(mappings[0] == MemoryMapping(start: 0x55d0_c2a0_0000, end: 0x55d0_c400_0000, permissions: "r-xp", path: "/usr/bin/dixian"))
        #expect(mappings[1].path == "" && !mappings[1].isReadOnlyFileMapping)
        #expect(mappings[2].path == "[stack]" && !mappings[2].isReadOnlyFileMapping)
        #expect(mappings[3].path == "/opt/my swift/lib/libswiftCore.so" && mappings[3].isReadOnlyFileMapping)
        #expect(mappings[0].isReadOnlyFileMapping)
    }

    @Test("this process's own maps: every line parses, and the test binary's code is among the read-only file mappings")
    func ownMaps() throws {
        let text = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
        let lines = text.split(separator: "\n")
        let mappings = MemoryMapping.parse(maps: text)
        #expect(mappings.count == lines.count)
        #expect(mappings.contains { $0.isReadOnlyFileMapping && $0.permissions == "r-xp" })
        #expect(zip(mappings, mappings.dropFirst()).allSatisfy { $0.start < $1.start })
    }

    @Test("3,000 random lines: a line parses exactly when it has the shape, and the fields come back as written")
    func randomLines() {
        var random = SeededRandom(seed: 0x3A95)
        let permissions = ["r-xp", "rw-p", "r--s", "---p", "rwxp", "r-x", "rxxp", "r-xpp"]
        let paths = ["", "/usr/lib/libc.so.6", "[heap]", "/a b/c", "/x (deleted)"]
        for _ in 0..<3_000 {
            let start = UInt(random.below(1 << 40)), end = start + UInt(random.below(3)) * 4096
            let permission = random.pick(permissions)
            let path = random.pick(paths)
            let line = "\(String(start, radix: 16))-\(String(end, radix: 16)) \(permission) 00000000 fd:01 42"
                + (path.isEmpty ? "" : "   \(path)")
            let parsed = MemoryMapping(mapsLine: Substring(line))
            let wellFormed = start < end && permission.count == 4 && permission.allSatisfy { "rwxps-".contains($0) }
            #expect((parsed != nil) == wellFormed, "\(line)")
            if let parsed {
                #expect(parsed == MemoryMapping(start: start, end: end, permissions: permission, path: path), "\(line)")
            }
        }
    }
}
