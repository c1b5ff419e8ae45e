import DixianCore
import DixianYAML
import Foundation

extension Configuration {
    /// Reads the root mapping of `dixian.yaml`. Absent keys keep their defaults; problems go to the
    /// context's collector, and the value returned then is only a best effort.
    init(reading root: inout MappingReader, context: ConfigurationReadingContext) {
        self.init()
        if let value = root.value("timezone"), let name = Self.nonEmptyString(value) {
            if TimeZone(identifier: name) != nil {
                timezone = name
            } else {
                let nearest = Diagnostic.nearest(to: name, in: TimeZone.knownTimeZoneIdentifiers)
                value.error(
                    "未知的时区 '\(name)' (unknown time zone)",
                    hint: nearest.map { "是不是 '\($0)'? / did you mean '\($0)'?" }
                        ?? "IANA 时区名, 如 Asia/Shanghai / an IANA name such as Asia/Shanghai"
                )
            }
        }
        stateDirectory = context.path("state_dir", in: &root) ?? stateDirectory
        log = root.withMapping("log") { Log(reading: &$0) } ?? log
        http = root.withMapping("http") { HTTP(reading: &$0) } ?? http
        database = root.withMapping("database") { Database(reading: &$0, context: context) } ?? database
        plugins = root.withMapping("plugins") { Plugins(reading: &$0, context: context) } ?? plugins
        schedule = root.withMapping("schedule") { Schedule(reading: &$0, context: context) } ?? schedule
        api = root.withMapping("api") { API(reading: &$0, context: context) } ?? api
        links = root.withMapping("links") { Links(reading: &$0, context: context) } ?? links
        followListenAddressInLinks()
        office = root.withMapping("office") { Office(reading: &$0) } ?? office
        notify = root.withMapping("notify") { Notify(reading: &$0) } ?? notify
        retention = root.withMapping("retention") { Retention(reading: &$0) } ?? retention
        if let value = root.value("channels") {
            channels = Self.readChannels(value, context: context)
        }
        if let location = root.keyLocation("channels") ?? root.keyLocation("notify") {
            for name in [notify.deadLetterChannel] where channels[name] == nil {
                context.diagnostics.error("未定义的渠道 '\(name)' (undefined channel)", at: location, hint: "notify.dead_letter_channel")
            }
        }
    }

    /// A string that must not be empty: an empty path or name is always a mistake.
    static func nonEmptyString(_ value: YAMLValue) -> String? {
        guard let text = value.string() else { return nil }
        guard !text.isEmpty else {
            value.error("不能为空 (must not be empty)")
            return nil
        }
        return text
    }
}

extension Configuration.Log {
    init(reading reader: inout MappingReader) {
        self.init()
        format = reader.enum("format", as: Format.self) ?? format
        level = reader.enum("level", as: Level.self) ?? level
    }
}

extension Configuration.HTTP {
    init(reading reader: inout MappingReader) {
        self.init()
        headerTimeout = reader.duration("header_timeout", in: Self.requestTimeoutRange) ?? headerTimeout
        bodyTimeout = reader.duration("body_timeout", in: Self.requestTimeoutRange) ?? bodyTimeout
        idleTimeout = reader.duration("idle_timeout", in: Self.idleTimeoutRange) ?? idleTimeout
        maxConnections = reader.int("max_connections", in: Self.maxConnectionsRange) ?? maxConnections
        databaseTimeout = reader.duration("database_timeout", in: Self.databaseTimeoutRange) ?? databaseTimeout
        guard let value = reader.value("listen"), let text = value.string() else { return }
        do {
            listen = try Configuration.ListenAddress(parsing: text)
        } catch {
            value.error("无效的监听地址 '\(text)' (invalid listen address): \(error.message)", hint: error.hint)
        }
    }
}

extension Configuration.Plugins {
    init(reading reader: inout MappingReader, context: ConfigurationReadingContext) {
        self.init()
        directory = context.path("dir", in: &reader) ?? directory
        let location = reader.value("overrides_dir")?.location
        overridesDirectory = context.path("overrides_dir", in: &reader)
        // The default may be missing (no bureau has overridden anything yet); a directory named on
        // purpose must exist, or every override in it would be silently ignored.
        if let overridesDirectory, let location {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: overridesDirectory, isDirectory: &isDirectory) || !isDirectory.boolValue {
                context.diagnostics.error(
                    "覆盖配置目录不存在 '\(overridesDirectory)' (plugins.overrides_dir: no such directory)",
                    at: location, hint: context.relativePathHint)
            }
        }
    }
}

extension Configuration.Database {
    /// The environment variable that overrides `url` and `url_file`.
    static let urlVariable = "DIXIAN_DATABASE_URL"
    /// The environment variable that overrides `password_file`.
    static let passwordVariable = "DIXIAN_DATABASE_PASSWORD"

    init(reading reader: inout MappingReader, context: ConfigurationReadingContext) {
        self.init()
        url = Self.readURL(&reader, context: context)
        password = Self.readPassword(&reader, context: context)
        maxConnections = reader.int("max_connections", in: Self.maxConnectionsRange) ?? maxConnections
        connectTimeout = reader.duration("connect_timeout", in: Self.connectTimeoutRange) ?? connectTimeout
        embedded = reader.withMapping("embedded") { Embedded(reading: &$0, context: context) } ?? embedded
    }

    /// `url`, `url_file` (exclusive), or `$DIXIAN_DATABASE_URL` over both. With the variable set, `url_file`
    /// is not read: on a developer's machine it may name a credential that exists only in production.
    /// A password inside `url` is refused (configuration files get copied and committed); `url_file` and the
    /// variable may carry one.
    private static func readURL(
        _ reader: inout MappingReader,
        context: ConfigurationReadingContext
    ) -> Secret<DatabaseURL>? {
        let inline = reader.value("url")
        let file = reader.value("url_file")
        if inline != nil, file != nil, let location = reader.keyLocation("url_file") {
            context.diagnostics.error(
                "'url' 与 'url_file' 只能设置一个 (set either url or url_file, not both)",
                at: location
            )
        }
        let text: String
        let location: Diagnostic.Location
        if let environmentURL = context.environmentValue(urlVariable) {
            (text, location) = (environmentURL, Diagnostic.Location(file: "$\(urlVariable)"))
        } else if inline != nil, file != nil {
            return nil
        } else if let inline {
            guard let string = inline.string() else { return nil }
            (text, location) = (string, inline.location)
        } else if let file, let path = Configuration.nonEmptyString(file) {
            let keyLocation = reader.keyLocation("url_file") ?? file.location
            guard let content = context.readSecretFile(path, keyLocation: keyLocation) else { return nil }
            // The URL is the whole file, so a bad one is reported there.
            (text, location) = (content, Diagnostic.Location(file: context.resolve(path)))
        } else {
            return nil
        }
        let url: DatabaseURL
        do {
            url = try DatabaseURL(parsing: text)
        } catch {
            context.diagnostics.error(error.message, at: location, hint: error.hint)
            return nil
        }
        // Only the file itself is refused: `url_file` and the environment are credentials already.
        if let inline, context.environmentValue(urlVariable) == nil, url.password != nil {
            context.diagnostics.error(
                "database.url 中不能写密码 (a password inside database.url does not belong in the configuration file)",
                at: inline.location,
                hint: "去掉 URL 中的密码, 改用 password_file 或环境变量 \(passwordVariable)"
                    + " / remove it from the URL and use password_file or $\(passwordVariable)")
            return nil
        }
        return Secret(url)
    }

    /// `password_file`, or `$DIXIAN_DATABASE_PASSWORD` over it. A plain `password` key is refused outright:
    /// configuration files get copied, mailed and committed; credentials belong in their own file.
    private static func readPassword(
        _ reader: inout MappingReader,
        context: ConfigurationReadingContext
    ) -> Secret<String>? {
        if let location = reader.keyLocation("password") {
            reader.ignore("password")
            context.diagnostics.error(
                "配置文件中不能写密码 (passwords do not belong in the configuration file)",
                at: location,
                hint: "改用 password_file 或环境变量 \(passwordVariable) / use password_file or $\(passwordVariable)"
            )
        }
        let file = reader.value("password_file")
        if let environmentPassword = context.environmentValue(passwordVariable) {
            return Secret(environmentPassword)
        }
        guard let file, let path = Configuration.nonEmptyString(file) else { return nil }
        let keyLocation = reader.keyLocation("password_file") ?? file.location
        guard let password = context.readSecretFile(path, keyLocation: keyLocation) else { return nil }
        return Secret(password)
    }
}

extension Configuration.Database.Embedded {
    init(reading reader: inout MappingReader, context: ConfigurationReadingContext) {
        self.init()
        runAs = reader.value("run_as").flatMap(Configuration.nonEmptyString) ?? runAs
        binDirectory = context.path("bin_dir", in: &reader)
    }
}
