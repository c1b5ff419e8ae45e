import Foundation

/// Where a secret file named in the configuration is actually read from, and what to tell the operator
/// when it cannot be.
///
/// Under systemd the configuration names `/run/credentials/dixian.service/<name>`, a copy systemd makes of
/// `/etc/dixian/credentials/<name>` (`LoadCredential=`) while the service runs. Before the first start that
/// directory does not exist, so `dixian check --credentials-dir /etc/dixian/credentials` reads
/// `<DIR>/<name>` in its place.
struct CredentialPath: Sendable, Equatable {
    /// Where systemd puts the credentials of a running unit: `/run/credentials/<unit>/<name>`.
    static let runtimePrefix = "/run/credentials/"

    /// The path as the configuration names it (resolved).
    var written: String
    /// The file read: ``written``, or `<credentialsDirectory>/<name>` for a credential path.
    var readPath: String
    /// Whether ``readPath`` stands in for ``written`` (`--credentials-dir`).
    var isRedirected: Bool { readPath != written }

    /// Resolves `written` against `credentialsDirectory` (nil: no redirection).
    init(_ written: String, credentialsDirectory: String?) {
        self.written = written
        if let directory = credentialsDirectory, let name = Self.credentialName(written) {
            self.readPath = (directory.hasSuffix("/") ? directory : directory + "/") + name
        } else {
            self.readPath = written
        }
    }

    /// `<name>` of `/run/credentials/<unit>/<name>`; nil for any other path.
    static func credentialName(_ path: String) -> String? {
        guard path.hasPrefix(runtimePrefix) else { return nil }
        let parts = path.dropFirst(runtimePrefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return String(parts[1])
    }

    /// ` [代替 in place of /run/credentials/…]` at the end of a message, when redirected; else empty.
    var standingInNote: String {
        isRedirected ? " [代替 in place of \(written)]" : ""
    }

    /// The hint for an unreadable credential: create it in the credentials directory, or, without
    /// `--credentials-dir`, that `/run/credentials/…` exists only while the service runs. Nil for other paths.
    var missingHint: String? {
        guard let name = Self.credentialName(written) else { return nil }
        if isRedirected {
            return "以 root 创建此文件 (0600), 服务启动时 systemd 经 LoadCredential=\(name):… 交给服务"
                + " / create it as root (mode 0600); systemd hands it to the service at start (LoadCredential=\(name):…)"
        }
        return "/run/credentials/… 只在服务运行时存在; 首次启动前用 dixian check --credentials-dir /etc/dixian/credentials 检查"
            + " / exists only while the service runs; before the first start check with --credentials-dir /etc/dixian/credentials"
    }

    /// The hint for an empty credential: under systemd, the unit's `SetCredential=` default (a newline) stands
    /// in for a file missing from `/etc/dixian/credentials/`. Nil for other paths.
    var emptyHint: String? {
        guard let name = Self.credentialName(written), !isRedirected else { return nil }
        return "/etc/dixian/credentials/\(name) 不存在时 systemd 提供空值, 请创建该文件后重启服务"
            + " / systemd provides an empty value when /etc/dixian/credentials/\(name) is missing: create it, then restart"
    }
}
