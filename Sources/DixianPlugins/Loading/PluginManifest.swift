import DixianCore
import Foundation

/// A `plugin.yaml` as written, with positions, before cross-checks and overrides. Fields that failed to
/// read are nil or missing (the failure is already reported); nothing is built from a manifest with errors.
struct PluginManifest {
    /// The folder name, which the id must equal.
    var folder: String
    /// Path of `plugin.yaml`.
    var file: String
    /// SHA-256 of the file's bytes.
    var contentHash: String
    var id: Located<String>?
    var name: String?
    var version: String?
    var leadUnits: [String] = []
    var cooperatingUnits: [String] = []
    var description: String?
    var sources: [Source] = []
    var roles: [RoleDeclaration] = []
    var parameters: [ParameterDeclaration] = []
    var defaults = DutySettings()
    var duties: [DutyDeclaration] = []
    var templates: [TemplateDeclaration] = []
    var datasets: [DatasetDeclaration] = []
    var rules: [RuleDeclaration] = []
    var campaigns: [CampaignDeclaration] = []

    /// The plugin id as the loader uses it: the folder name (an `id` that differs is an error).
    var pluginID: String { folder }

    struct Source {
        var file: Located<String>
        var document: SourceDocument
    }

    struct SourceRef {
        var file: Located<String>
        var reference: SourceReference
    }

    struct RoleDeclaration {
        var id: Located<String>
        var name: String
        var level: Located<Role.Level>
        var description: String?
        var isPerSector: Bool
        var isEveryUnit: Bool
        var binding: Located<Role.Binding>?
        var title: RoleTitle?
        var onBehalfOf: Located<String>?
    }

    struct ParameterDeclaration {
        var name: Located<String>
        var kind: Parameter.Kind?
        var itemKind: Parameter.Kind?
        var title: String?
        var description: String?
        var defaultValue: Located<ParameterValue>?
        var minimum: Located<ParameterValue>?
        var maximum: Located<ParameterValue>?
        var unit: String?
        var allowedValues: [String]?
        var source: SourceRef?
    }

    struct DutyDeclaration {
        var location: Diagnostic.Location
        var id: Located<String>?
        var title: String?
        var description: String?
        var source: SourceRef?
        var enabled: Bool?
        var ownerRole: Located<String>?
        var ownerScope: Located<Duty.OwnerScope>?
        var recurrence: Located<RecurrenceDeclaration>?
        var window: WindowDeclaration?
        var quantity: QuantityDeclaration?
        var evidence: [String] = []
        var localSetting: String?
        var settings = DutySettings()
    }

    struct WindowDeclaration {
        var location: Diagnostic.Location
        var from: Located<ParameterOr<CalendarDate>>?
        var until: Located<ParameterOr<CalendarDate>>?
    }

    struct QuantityDeclaration {
        var measure: String
        var target: Located<ParameterOr<Decimal>>
        var unit: Located<String>
        var comparison: Duty.Quantity.Comparison
    }

    struct TemplateDeclaration {
        var id: Located<String>
        var description: String?
        /// `subject`, `text`, `html`, `chat` in that order, each with its YAML value for positions.
        var parts: [TemplatePart]
    }

    struct DatasetDeclaration {
        var id: Located<String>
        var dataset: Dataset
        var key: [Located<String>]
        var columnNames: [Located<String>]
        var source: SourceRef?
    }

    struct CampaignDeclaration {
        var id: Located<String>
        var title: String
        var subject: String
        var year: Located<Int>?
        var start: Located<ParameterOr<CalendarDate>>
        var mobiliseBy: Located<ParameterOr<CalendarDate>>?
        var rectifyBy: Located<ParameterOr<CalendarDate>>
        var acceptanceUntil: Located<ParameterOr<CalendarDate>>?
        var source: SourceRef?
    }

    struct RuleDeclaration {
        var id: Located<String>
        var rule: ScreeningRule
        var dataset: Located<String>
        var when: TemplatePart
        var source: SourceRef?
    }
}

/// A recurrence as written: literal values or `$parameter` references, each with its position.
enum RecurrenceDeclaration {
    typealias Day = Located<ParameterOr<Int>>

    case weekly(Located<ParameterOr<Weekday>>)
    case monthly(day: Day)
    case quarterly(monthOfQuarter: Int, day: Day)
    case yearly(month: Located<Int>, day: Day)
    case twiceAYear([(month: Located<Int>, day: Day)])
    case once(Located<ParameterOr<CalendarDate>>)
    case rule(Located<RecurrenceRule>)
    case afterEvent(
        event: Located<EventTrigger.Event>,
        delay: Located<ParameterOr<Int>>,
        inWorkdays: Bool,
        alertsFrom: Located<EventTrigger.AlertSource>?
    )
}
