import DixianCore
import DixianYAML
import Foundation

extension Configuration {
    /// Scheduler settings (key `schedule`).
    public struct Schedule: Sendable, Equatable {
        /// Whether this replica takes part in planning (key `enabled`), default true; false for a replica
        /// that only serves the API and links.
        public var enabled: Bool
        /// Directory of `cn-<year>.yaml` holiday calendars (key `holidays_dir`), default `config/holidays`.
        public var holidaysDirectory: String
        /// How often the planning tick runs (key `tick_interval`), default 1 minute.
        public var tickInterval: Duration
        /// Reminders go out only between these local times (key `working_hours`, `"08:30-17:30"`).
        public var workingHoursStart: TimeOfDay
        public var workingHoursEnd: TimeOfDay
        /// Reminders go out only on workdays (key `workdays_only`), default true.
        public var workdaysOnly: Bool

        public init(
            enabled: Bool = true,
            holidaysDirectory: String = "config/holidays",
            tickInterval: Duration = .seconds(60),
            workingHoursStart: TimeOfDay = TimeOfDay(hour: 8, minute: 30)!,
            workingHoursEnd: TimeOfDay = TimeOfDay(hour: 17, minute: 30)!,
            workdaysOnly: Bool = true
        ) {
            self.enabled = enabled
            self.holidaysDirectory = holidaysDirectory
            self.tickInterval = tickInterval
            self.workingHoursStart = workingHoursStart
            self.workingHoursEnd = workingHoursEnd
            self.workdaysOnly = workdaysOnly
        }

        static let tickIntervalRange: ClosedRange<Duration> = .seconds(1)...(.seconds(3600))
    }

    /// The token-protected HTTP API for duties (key `api`).
    public struct API: Sendable, Equatable {
        /// The environment variable that overrides `token_file`.
        static let tokenVariable = "DIXIAN_API_TOKEN"

        /// The bearer token (key `token_file`, or `$DIXIAN_API_TOKEN`); nil turns the duty API off.
        public var token: Secret<String>?
        /// The largest data file `POST /api/v1/datasets/…/imports` accepts (key `import_max_bytes`), default
        /// 64 MiB: a county's monthly roll of a million rows as CSV is about 100 MB, so large bureaus split it or
        /// raise this.
        public var importMaxBytes: Int

        public init(token: Secret<String>? = nil, importMaxBytes: Int = 64 << 20) {
            self.token = token
            self.importMaxBytes = importMaxBytes
        }

        static let importMaxBytesRange = 1024...(1 << 30)
    }

    /// Signed one-click links and calendar feeds (key `links`).
    public struct Links: Sendable, Equatable {
        /// The environment variable that overrides `secret_file`.
        static let secretVariable = "DIXIAN_LINK_SECRET"

        /// The address officials' browsers reach the daemon at (key `base_url`). Unset, it follows `http.listen`
        /// (and `--listen`): ``ListenAddress/browserURL``, `http://127.0.0.1:8080` by default.
        public var baseURL: String
        /// Whether `base_url` was set; false while ``baseURL`` follows the listen address.
        public var isBaseURLConfigured: Bool
        /// The HMAC key (key `secret_file`, or `$DIXIAN_LINK_SECRET`); nil: a random key generated on first
        /// start and kept in the database (table `generated_secrets`), shared by every replica.
        public var secret: Secret<String>?
        /// How long a confirmation link stays valid (key `ttl`), default 14 days.
        public var timeToLive: Duration

        /// Creates link settings; a `baseURL` given here counts as configured.
        public init(baseURL: String? = nil, secret: Secret<String>? = nil, timeToLive: Duration = .seconds(14 * 86_400)) {
            self.baseURL = baseURL ?? HTTP().listen.browserURL
            self.isBaseURLConfigured = baseURL != nil
            self.secret = secret
            self.timeToLive = timeToLive
        }

        static let timeToLiveRange: ClosedRange<Duration> = .seconds(3600)...(.seconds(90 * 86_400))
    }
}

extension Configuration.Schedule {
    init(reading reader: inout MappingReader, context: ConfigurationReadingContext) {
        self.init()
        enabled = reader.bool("enabled") ?? enabled
        holidaysDirectory = context.path("holidays_dir", in: &reader) ?? holidaysDirectory
        tickInterval = reader.duration("tick_interval", in: Self.tickIntervalRange) ?? tickInterval
        workdaysOnly = reader.bool("workdays_only") ?? workdaysOnly
        if let value = reader.value("working_hours"), let text = value.string() {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            if parts.count == 2, let start = TimeOfDay(parsing: parts[0]), let end = TimeOfDay(parsing: parts[1]), start < end {
                (workingHoursStart, workingHoursEnd) = (start, end)
            } else {
                value.error("无效的工作时间 '\(text)' (invalid working hours)", hint: "HH:MM-HH:MM, 如 / e.g. 08:30-17:30")
            }
        }
    }
}

extension Configuration.API {
    init(reading reader: inout MappingReader, context: ConfigurationReadingContext) {
        self.init()
        token = Configuration.readSecret(&reader, key: "token_file", variable: Self.tokenVariable, context: context)
        if let token, token.value.count < 16, let location = reader.keyLocation("token_file") {
            context.diagnostics.error("API 令牌至少 16 个字符 (API token must have at least 16 characters)", at: location)
        }
        importMaxBytes = reader.int("import_max_bytes", in: Self.importMaxBytesRange) ?? importMaxBytes
    }
}

extension Configuration.Links {
    init(reading reader: inout MappingReader, context: ConfigurationReadingContext) {
        self.init()
        if let value = reader.value("base_url"), let text = Configuration.nonEmptyString(value) {
            if let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil {
                baseURL = text.hasSuffix("/") ? String(text.dropLast()) : text
                isBaseURLConfigured = true
            } else {
                value.error("无效的地址 '\(text)' (invalid base URL)", hint: "如 / e.g. https://dixian.county.gov.cn")
            }
        }
        secret = Configuration.readSecret(&reader, key: "secret_file", variable: Self.secretVariable, context: context)
        timeToLive = reader.duration("ttl", in: Self.timeToLiveRange) ?? timeToLive
    }
}

extension Configuration {
    /// Points an unset `links.base_url` at `http.listen`; called after reading and after `--listen`.
    mutating func followListenAddressInLinks() {
        if !links.isBaseURLConfigured {
            links.baseURL = http.listen.browserURL
        }
    }

    /// A secret from `<key>` (a file path) or, over it, the environment variable; the value is never logged.
    static func readSecret(
        _ reader: inout MappingReader, key: String, variable: String, context: ConfigurationReadingContext
    ) -> Secret<String>? {
        let file = reader.value(key)
        if let value = context.environmentValue(variable) { return Secret(value) }
        guard let file, let path = nonEmptyString(file) else { return nil }
        let location = reader.keyLocation(key) ?? file.location
        return context.readSecretFile(path, keyLocation: location).map(Secret.init)
    }
}
