internal import Yams

extension YAMLDocument {
    /// How strictly a document is parsed and read.
    ///
    /// ``configuration`` is what the daemon configuration has always used (libyaml's YAML 1.1-style
    /// resolution, `yes` is true, a number reads as a string where a string is expected). ``strict`` is the
    /// plugin format's subset (plugins/README.md §1): YAML 1.2 core scalars with no coercion, no byte-order
    /// mark, no anchors, aliases, merge keys or tags, and a node budget.
    public struct Options: Sendable, Hashable {
        /// YAML 1.2 core schema and no coercion: `yes`, `18:00` and `2026-08-15` are strings, `"3"` is not
        /// an integer, `1` is not a string, `key: ~` is null rather than absent, keys must be strings.
        public var strictTypes: Bool
        /// Whether a leading byte-order mark is ignored (else it is an error).
        public var allowsByteOrderMark: Bool
        /// Whether anchors, aliases, explicit tags and merge keys are accepted (else each is an error and
        /// the document is rejected, which also rules out alias bombs).
        public var allowsAnchorsAndTags: Bool
        /// The most nodes a document may have, nil for no limit.
        public var maximumNodeCount: Int?

        /// Creates options.
        public init(
            strictTypes: Bool,
            allowsByteOrderMark: Bool,
            allowsAnchorsAndTags: Bool,
            maximumNodeCount: Int?
        ) {
            self.strictTypes = strictTypes
            self.allowsByteOrderMark = allowsByteOrderMark
            self.allowsAnchorsAndTags = allowsAnchorsAndTags
            self.maximumNodeCount = maximumNodeCount
        }

        /// The daemon configuration's rules (the behaviour before options existed).
        public static let configuration = Options(
            strictTypes: false,
            allowsByteOrderMark: true,
            allowsAnchorsAndTags: true,
            maximumNodeCount: nil
        )

        /// The plugin format's rules. 100 000 nodes is about forty times the largest shipped plugin.
        public static let strict = Options(
            strictTypes: true,
            allowsByteOrderMark: false,
            allowsAnchorsAndTags: false,
            maximumNodeCount: 100_000
        )

        var resolver: Resolver {
            strictTypes ? Self.coreResolver : .default
        }

        /// YAML 1.2 core schema resolution (https://yaml.org/spec/1.2.2/#1032-tag-resolution), with the
        /// same patterns as scripts/plugin-reference-check.py. First match wins: bool, null, int, float.
        static let coreResolver: Resolver = {
            // The patterns are constants; a failure here is a programming error caught by every test.
            // swiftlint:disable force_try
            try! Resolver.basic
                .appending(.bool, "^(?:true|True|TRUE|false|False|FALSE)$")
                .appending(.null, "^(?:~|null|Null|NULL|)$")
                .appending(.int, "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
                .appending(
                    .float,
                    "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                        + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
                )
            // swiftlint:enable force_try
        }()
    }
}
