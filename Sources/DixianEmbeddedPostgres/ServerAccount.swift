import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The unprivileged account the server runs as when dixian itself runs as root.
///
/// PostgreSQL refuses to run as root (`initdb` and `postgres` both exit), so a root daemon hands
/// the cluster's files to this account and starts server programs through `setpriv` (or
/// `runuser`), both from util-linux and present on every Debian; `sudo` is often not installed.
struct ServerAccount: Sendable {
    var name: String
    var uid: uid_t
    var gid: gid_t
    var home: String

    static var processIsRoot: Bool { geteuid() == 0 }

    /// Looks the account up in the user database.
    static func lookup(_ name: String) throws -> ServerAccount {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        let rc = getpwnam_r(name, &entry, &buffer, buffer.count, &result)
        guard rc == 0, let found = result?.pointee else {
            throw EmbeddedPostgresError(
                code: .userNotFound,
                message: """
                    系统用户 '\(name)' 不存在。PostgreSQL 不能以 root 运行,dixian 以该用户运行数据库服务器。\
                    请安装 PostgreSQL 服务器软件包(apt-get install postgresql,会创建 postgres 用户),\
                    或用 useradd --system --create-home \(name) 创建该用户,或在配置中指定其他用户。 \
                    (System user '\(name)' does not exist. PostgreSQL refuses to run as root, so dixian runs \
                    the server as this user. Install the 'postgresql' package, which creates the 'postgres' \
                    user, create it with 'useradd --system --create-home \(name)', or configure another user.)
                    """
            )
        }
        return ServerAccount(
            name: name, uid: found.pw_uid, gid: found.pw_gid, home: String(cString: found.pw_dir)
        )
    }

    /// The command prefix that runs a program as this account.
    func commandPrefix() throws -> [String] {
        let fileManager = FileManager.default
        if let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first(where: fileManager.isExecutableFile(atPath:)) {
            return [setpriv, "--reuid=\(uid)", "--regid=\(gid)", "--init-groups", "--"]
        }
        if let runuser = ["/usr/sbin/runuser", "/sbin/runuser"].first(where: fileManager.isExecutableFile(atPath:)) {
            return [runuser, "-u", name, "--"]
        }
        throw EmbeddedPostgresError(
            code: .commandFailed,
            message: """
                未找到 setpriv 或 runuser,无法以用户 '\(name)' 运行 PostgreSQL。请安装:apt-get install util-linux \
                (Neither setpriv nor runuser was found, so PostgreSQL cannot be run as '\(name)'; \
                install the 'util-linux' package.)
                """
        )
    }

    /// Environment adjustments so tools see the account's own home, not root's.
    func apply(to environment: inout [String: String]) {
        environment["HOME"] = home
        environment["USER"] = name
        environment["LOGNAME"] = name
    }

    /// Gives every entry below `root` (and `root` itself) to this account. Entries already owned
    /// correctly are left alone, so repeating this on every start is cheap, and an interrupted
    /// run is finished by the next one.
    func takeOwnership(of root: String) throws {
        var paths = [root]
        if let children = FileManager.default.subpaths(atPath: root) {
            paths += children.map { root + "/" + $0 }
        }
        for path in paths {
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }  // vanished meanwhile
            if info.st_uid == uid && info.st_gid == gid { continue }
            guard lchown(path, uid, gid) == 0 else {
                throw EmbeddedPostgresError(
                    code: .permissionDenied,
                    message: "无法更改 \(path) 的属主为 \(name)。 (Could not chown \(path) to \(name): errno \(errno).)"
                )
            }
        }
    }

    /// Checks that this account can reach `directory`: every ancestor must grant it search (x)
    /// permission. The state directory itself (dixian's own) gets o+x added when missing; other
    /// ancestors (such as /root, mode 0700) are not ours to loosen, so they produce an error that
    /// names the directory.
    func ensureTraversable(_ directory: String, owned stateDirectory: String) throws {
        let groups = supplementaryGroups()
        var path = ""
        for component in directory.split(separator: "/") {
            path += "/" + component
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            if canSearch(info, groups: groups) { continue }
            if path == stateDirectory, chmod(path, info.st_mode & 0o7777 | S_IXOTH) == 0 { continue }
            throw EmbeddedPostgresError(
                code: .permissionDenied,
                message: """
                    用户 '\(name)' 无法进入目录 \(path)。请执行 chmod o+x \(path),或把状态目录放到其他位置\
                    (例如 /var/lib/dixian)。 (User '\(name)' cannot traverse \(path); run 'chmod o+x \(path)' \
                    or put the state directory elsewhere, such as /var/lib/dixian.)
                    """
            )
        }
    }

    private func canSearch(_ info: stat, groups: Set<gid_t>) -> Bool {
        if info.st_uid == uid { return info.st_mode & S_IXUSR != 0 }
        if groups.contains(info.st_gid) { return info.st_mode & S_IXGRP != 0 }
        return info.st_mode & S_IXOTH != 0
    }

    private func supplementaryGroups() -> Set<gid_t> {
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        #if canImport(Darwin)
        var list = groups.map { Int32(bitPattern: $0) }
        if getgrouplist(name, Int32(bitPattern: gid), &list, &count) < 0 { return [gid] }
        groups = list.map { gid_t(bitPattern: $0) }
        #else
        if getgrouplist(name, gid, &groups, &count) < 0 { return [gid] }
        #endif
        return Set(groups.prefix(Int(count))).union([gid])
    }
}
