import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `posix_spawn` with the hygiene a daemon's children need.
///
/// - Every descriptor above stderr is closed in the child. Whatever the child inherits, the
///   postmaster that `pg_ctl` forks inherits too and keeps for its whole life: a leaked lock file
///   would hold dixian's flock forever, a leaked socket would never report end-of-file.
/// - The signal mask and dispositions are reset: service-lifecycle ignores SIGTERM/SIGINT in the
///   daemon to receive them through dispatch sources, and ignored signals survive `exec`.
/// - The child gets its own process group, so Ctrl-C on an interactive `dixian serve` reaches
///   dixian, which then stops the cluster in order, rather than the server directly.
enum Spawner {
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32

    /// glibc's `_np` extensions (2.34 and 2.29) are hidden behind `_GNU_SOURCE` in the headers
    /// Swift imports, so they are looked up at run time.
    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }

    /// Starts `argv[0]` (an absolute path) with stdin from /dev/null and stdout and stderr on `output`.
    static func spawn(
        _ argv: [String], environment: [String], workingDirectory: String?, output: Int32
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        if let addCloseFrom = symbol("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self) {
            _ = addCloseFrom(&actions, 3)
        } else {
            for fd in openDescriptors() where fd > 2 && fcntl(fd, F_GETFD) >= 0 {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
        }
        if let workingDirectory,
           let addChdir = symbol("posix_spawn_file_actions_addchdir_np", as: AddChdir.self) {
            _ = addChdir(&actions, workingDirectory)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags = Int32(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawnattr_setpgroup(&attributes, 0)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal: Int32 in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
        return pid
    }

    private static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap(Int32.init)
    }

    // The W* macros of <sys/wait.h> are not imported into Swift.
    static func exitedNormally(_ status: Int32) -> Bool { status & 0x7f == 0 }
    static func exitCode(_ status: Int32) -> Int32 { (status >> 8) & 0xff }
    static func terminatingSignal(_ status: Int32) -> Int32 { status & 0x7f }
}
