import DixianCore
import DixianNotify
import DixianYAML
import Foundation

extension Configuration {
    /// Reads `channels:`. Each entry replaces the embedded channel of the same name; the others stay,
    /// so a county that configures only `email` still has the default `chat`.
    static func readChannels(_ value: YAMLValue, context: ConfigurationReadingContext) -> [String: Channel] {
        var channels = defaultChannels
        guard var mapping = value.mapping() else { return channels }
        for entry in mapping.readAllEntries() {
            guard entry.key.wholeMatch(of: /[a-z][a-z0-9_-]{0,31}/) != nil else {
                context.diagnostics.error(
                    "无效的渠道名 '\(entry.key)' (invalid channel name)", at: entry.keyLocation,
                    hint: "小写字母开头, 仅含小写字母、数字、- 和 _ / lower case letters, digits, - and _")
                continue
            }
            guard var reader = entry.value.mapping() else { continue }
            if let channel = Channel(name: entry.key, reading: &reader, context: context) {
                channels[entry.key] = channel
            }
            reader.finish()
        }
        return channels
    }
}

extension Configuration.Channel {
    init?(name: String, reading reader: inout MappingReader, context: ConfigurationReadingContext) {
        guard let kind = reader.enum("type", as: NotifyChannelKind.self, required: true) else { return nil }
        let concurrency = reader.int("concurrency", in: Self.concurrencyRange) ?? 4
        var rateLimit: Configuration.RateLimit?
        if let value = reader.value("rate_limit") {
            rateLimit = Configuration.RateLimit(reading: value)
        }
        let transport: Transport?
        switch kind {
        case .smtp: transport = SMTP(channel: name, reading: &reader, context: context).map(Transport.smtp)
        case .maildir: transport = Maildir(reading: &reader).map(Transport.maildir)
        case .webhook, .wecom, .dingtalk, .feishu:
            transport = Webhook(channel: name, kind: kind, reading: &reader, context: context).map(Transport.webhook)
        }
        guard let transport else { return nil }
        self.init(name: name, kind: kind, concurrency: concurrency, rateLimit: rateLimit, transport: transport)
    }

    /// `$DIXIAN_<PREFIX>_<CHANNEL>`: the channel name upper-cased, `-` as `_`.
    static func secretVariable(_ prefix: String, channel: String) -> String {
        "DIXIAN_\(prefix)_" + channel.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    static func readSender(_ reader: inout MappingReader, default sender: String) -> String? {
        guard let value = reader.value("from") else { return sender }
        guard let text = Configuration.nonEmptyString(value) else { return nil }
        do {
            _ = try MailAddress(parsing: text)
            return text
        } catch {
            value.error("无效的发件人 '\(text)' (invalid sender): \(error)", hint: "如 / e.g. \"县乡村振兴局 <dixian@example.gov.cn>\"")
            return nil
        }
    }

    static func readCAFile(_ reader: inout MappingReader, context: ConfigurationReadingContext) -> String? {
        guard let value = reader.value("ca_file"), let path = Configuration.nonEmptyString(value).map(context.resolve)
        else { return nil }
        if !FileManager.default.isReadableFile(atPath: path) {
            value.error("无法读取证书文件 '\(path)' (cannot read CA file): \(ConfigurationReadingContext.reason(path))")
        }
        return path
    }
}

extension Configuration.Channel.SMTP {
    init?(channel: String, reading reader: inout MappingReader, context: ConfigurationReadingContext) {
        guard let host = reader.value("host", required: true).flatMap(Configuration.nonEmptyString) else {
            reader.ignore("port", "tls", "username", "password_file", "ca_file", "from", "timeout")
            return nil
        }
        let tls = reader.enum("tls", as: TLS.self) ?? .starttls
        let defaultPort = switch tls {
        case .starttls: 587
        case .implicit: 465
        case .none: 25
        }
        if let location = reader.keyLocation("password") {
            reader.ignore("password")
            context.diagnostics.error(
                "配置文件中不能写密码 (passwords do not belong in the configuration file)", at: location,
                hint: "改用 password_file 或环境变量 / use password_file or $\(Configuration.Channel.secretVariable("SMTP_PASSWORD", channel: channel))")
        }
        self.init(
            host: host,
            port: reader.int("port", in: 1...65535) ?? defaultPort,
            tls: tls,
            username: reader.value("username").flatMap(Configuration.nonEmptyString),
            password: Configuration.readSecret(
                &reader, key: "password_file", variable: Configuration.Channel.secretVariable("SMTP_PASSWORD", channel: channel),
                context: context),
            caFile: Configuration.Channel.readCAFile(&reader, context: context),
            from: Configuration.Channel.readSender(&reader, default: Configuration.defaultSender) ?? Configuration.defaultSender,
            timeout: reader.duration("timeout", in: .seconds(1)...(.seconds(600))) ?? .seconds(30))
        // A password_file that could not be read has been reported where it is written; saying it is missing
        // as well would send the operator looking for a key that is there.
        if username != nil, password == nil, reader.keyLocation("password_file") == nil,
            let location = reader.keyLocation("username")
        {
            context.diagnostics.error("设置了 username 但没有 password_file (username without password_file)", at: location)
        }
    }
}

extension Configuration.Channel.Webhook {
    init?(channel: String, kind: NotifyChannelKind, reading reader: inout MappingReader, context: ConfigurationReadingContext) {
        let inline = reader.value("url")
        let fromFile = Configuration.readSecret(
            &reader, key: "url_file", variable: Configuration.Channel.secretVariable("WEBHOOK_URL", channel: channel), context: context)
        var url: String?
        if let fromFile {
            url = fromFile.value
        } else if let inline {
            url = Configuration.nonEmptyString(inline)
        } else if reader.keyLocation("url_file") == nil, let location = reader.keyLocation("type") {
            // An unreadable url_file has been reported at its own line already.
            context.diagnostics.error("缺少 url 或 url_file (missing url or url_file)", at: location)
        }
        if let text = url, URL(string: text).flatMap({ $0.scheme == "https" || $0.scheme == "http" ? $0.host : nil }) == nil {
            (inline?.location).map { context.diagnostics.error("无效的地址 (invalid URL)", at: $0, hint: "https://…") }
            url = nil
        }
        let secret = Configuration.readSecret(
            &reader, key: "secret_file", variable: Configuration.Channel.secretVariable("WEBHOOK_SECRET", channel: channel),
            context: context)
        if kind == .webhook, let secret, let location = reader.keyLocation("secret_file") ?? reader.keyLocation("type") {
            let keys = Self.secretLines(secret)
            if keys.isEmpty || keys.contains(where: { WebhookSecret($0) == nil }) {
                context.diagnostics.error("签名密钥应为 whsec_<base64>, 每行一个 (secrets must be whsec_<base64>, one per line)", at: location)
            }
        }
        let caFile = Configuration.Channel.readCAFile(&reader, context: context)
        let mention = reader.bool("mention_mobiles") ?? true
        let timeout = reader.duration("timeout", in: .seconds(1)...(.seconds(300))) ?? .seconds(10)
        guard let url else { return nil }
        self.init(url: Secret(url), secret: secret, caFile: caFile, mentionMobiles: mention, timeout: timeout)
    }

    /// The lines of a secret file, trimmed: Standard Webhooks keys one per line during a rotation.
    static func secretLines(_ secret: Secret<String>) -> [String] {
        secret.value.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The signing keys of the secret file (none without one).
    var secretLines: [String] {
        secret.map(Self.secretLines) ?? []
    }

    /// The host only, for logs: bot URLs carry access tokens in the path or query.
    public var redactedURL: String {
        guard let parsed = URL(string: url.value), let host = parsed.host else { return "<invalid>" }
        return "\(parsed.scheme ?? "https")://\(host)/…"
    }
}

extension Configuration.Channel.Maildir {
    init?(reading reader: inout MappingReader) {
        guard let value = reader.value("dir", required: true), let directory = Configuration.nonEmptyString(value) else {
            reader.ignore("content", "from")
            return nil
        }
        guard Self.staysUnderStateDirectory(directory) else {
            value.error(
                "邮件目录 '\(directory)' 超出 state_dir (maildir dir leaves state_dir)",
                hint: "写 state_dir 下的相对路径, 或写绝对路径 / a path under state_dir, or an absolute path")
            reader.ignore("content", "from")
            return nil
        }
        let content = reader.enum("content", as: Content.self) ?? .email
        guard let from = Configuration.Channel.readSender(&reader, default: Configuration.defaultSender) else { return nil }
        self.init(directory: directory, content: content, from: from)
    }

    /// Whether a maildir `dir` stays under `state_dir`: an absolute path is the operator's explicit choice;
    /// a relative one may not climb out with `..` (`../../../../etc` would write mail files into `/etc`).
    static func staysUnderStateDirectory(_ directory: String) -> Bool {
        guard !directory.hasPrefix("/") else { return true }
        var depth = 0
        for component in directory.split(separator: "/") where component != "." {
            depth += component == ".." ? -1 : 1
            if depth < 0 { return false }
        }
        return true
    }
}

extension Configuration.RateLimit {
    /// `N/duration`, e.g. `20/1m`; reports a bad value where it is written.
    init?(reading value: YAMLValue) {
        guard let text = value.string() else { return nil }
        let parts = text.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let count = Int(parts[0].trimmingCharacters(in: .whitespaces)), count >= 1,
              let period = YAMLDuration.parse(parts[1].trimmingCharacters(in: .whitespaces)), period > .zero
        else {
            value.error("无效的限速 '\(text)' (invalid rate limit)", hint: "条数/时长, 如 / messages/period, e.g. 20/1m")
            return nil
        }
        self.init(messages: count, period: period)
    }
}

extension Configuration.Office {
    init(reading reader: inout MappingReader) {
        self.init()
        name = reader.value("name").flatMap(Configuration.nonEmptyString) ?? name
        phone = reader.value("phone").flatMap(Configuration.nonEmptyString)
        email = reader.value("email").flatMap(Configuration.nonEmptyString)
    }
}

extension Configuration.Notify {
    init(reading reader: inout MappingReader) {
        self.init()
        enabled = reader.bool("enabled") ?? enabled
        digestWindow = reader.duration("digest_window", in: Self.digestWindowRange) ?? digestWindow
        digestMaxItems = reader.int("digest_max_items", in: Self.digestMaxItemsRange) ?? digestMaxItems
        batchSize = reader.int("batch_size", in: Self.batchSizeRange) ?? batchSize
        sweepInterval = reader.duration("sweep_interval", in: Self.sweepIntervalRange) ?? sweepInterval
        retryInitial = reader.duration("retry_initial", in: Self.retryDelayRange) ?? retryInitial
        retryMaxDelay = reader.duration("retry_max_delay", in: Self.retryDelayRange) ?? retryMaxDelay
        maxAttempts = reader.int("max_attempts", in: Self.maxAttemptsRange) ?? maxAttempts
        maxAge = reader.duration("max_age", in: Self.maxAgeRange) ?? maxAge
        if let value = reader.value("dead_letter_role"), let role = Configuration.nonEmptyString(value) {
            deadLetterRole = role
            deadLetterRoleWrittenAt = KeyLocation(value.location)
        }
        deadLetterChannel = reader.value("dead_letter_channel").flatMap(Configuration.nonEmptyString) ?? deadLetterChannel
    }
}
