/// A field of the population register (人口台账) a rule can read through `person.NAME` or `household.NAME`,
/// joined on the dataset's `resident_id`. The register's tables carry these columns.
public struct RegisterField: Sendable, Hashable {
    /// 人员 or 户.
    public enum Table: String, Sendable, Hashable, CaseIterable {
        case person, household
    }

    public var table: Table
    public var name: String
    public var type: ScreeningType
    /// Chinese title, as the register's import columns are headed.
    public var title: String

    /// The dataset column the register is joined on.
    public static let joinColumn = "resident_id"

    /// Every field, in the order the README documents them.
    public static let all: [RegisterField] = [
        .init(table: .person, name: "name", type: .string, title: "姓名"),
        .init(table: .person, name: "birth_date", type: .date, title: "出生日期"),
        .init(table: .person, name: "relation", type: .string, title: "与户主关系"),
        .init(table: .person, name: "disability", type: .string, title: "残疾类别"),
        .init(table: .person, name: "is_disabled", type: .bool, title: "是否残疾"),
        .init(table: .person, name: "labour_capacity", type: .string, title: "劳动技能"),
        .init(table: .household, name: "household_id", type: .string, title: "户编号"),
        .init(table: .household, name: "village_code", type: .string, title: "村区划代码"),
        .init(table: .household, name: "household_type", type: .string, title: "户类型"),
        .init(table: .household, name: "monitoring_group", type: .string, title: "监测对象类别"),
        .init(table: .household, name: "members", type: .int, title: "家庭人口数"),
        .init(table: .household, name: "income_per_capita", type: .double, title: "人均纯收入"),
        .init(table: .household, name: "income_year", type: .int, title: "收入年度"),
        .init(table: .household, name: "previous_income_per_capita", type: .double, title: "上年人均纯收入"),
        .init(table: .household, name: "is_dibao", type: .bool, title: "是否低保户"),
        .init(table: .household, name: "is_tekun", type: .bool, title: "是否特困供养"),
        .init(table: .household, name: "no_labour", type: .bool, title: "是否整户无劳动力"),
    ]

    static func field(_ table: Table, _ name: String) -> RegisterField? {
        all.first { $0.table == table && $0.name == name }
    }
}
