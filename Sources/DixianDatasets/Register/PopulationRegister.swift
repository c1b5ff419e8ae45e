import DixianPlugins
import DixianScreening

/// The population register (人口台账): the county's 脱贫人口 and 监测对象, households and persons, as a county
/// exports them from the national monitoring system (防止返贫监测信息系统). Core data rather than a plugin's:
/// every sector rule may read it through `person.` and `household.` (docs/RULES.md).
///
/// Declared as two ``Dataset``s so that import, validation and the README's column table use one
/// description; the rule language's ``RegisterField`` list is checked against it by a test.
public enum PopulationRegister {
    /// 户: one row per household, keyed by the system's household id.
    public static let households = Dataset(
        id: "households", title: "脱贫户和监测户家庭信息", key: ["household_id"],
        columns: [
            .init(name: "household_id", title: "户编号", kind: .text, isRequired: true, sensitivity: .none),
            .init(name: "village_code", title: "村区划代码", kind: .divisionCode, isRequired: true, sensitivity: .none),
            .init(name: "household_type", title: "户类型", kind: .enum, values: householdTypes, isRequired: true),
            .init(name: "monitoring_group", title: "监测对象类别", kind: .enum, values: monitoringGroups),
            .init(name: "head_resident_id", title: "户主公民身份号码", kind: .residentID, isRequired: true),
            .init(name: "head_name", title: "户主姓名", kind: .text, isRequired: true),
            .init(name: "members", title: "家庭人口数", kind: .integer, isRequired: true),
            .init(name: "income_per_capita", title: "人均纯收入（元）", kind: .money, isRequired: true),
            .init(name: "income_year", title: "收入年度", kind: .integer, isRequired: true),
            .init(name: "previous_income_per_capita", title: "上年人均纯收入（元）", kind: .money),
            .init(name: "is_dibao", title: "是否低保户", kind: .boolean),
            .init(name: "is_tekun", title: "是否特困供养", kind: .boolean),
            .init(name: "no_labour", title: "是否整户无劳动力", kind: .boolean),
        ])

    /// 人: one row per person, keyed by resident ID, each in a household of ``households``.
    public static let persons = Dataset(
        id: "persons", title: "家庭成员信息", key: ["resident_id"],
        columns: [
            .init(name: "resident_id", title: "公民身份号码", kind: .residentID, isRequired: true),
            .init(name: "household_id", title: "户编号", kind: .text, isRequired: true, sensitivity: .none),
            .init(name: "name", title: "姓名", kind: .text, isRequired: true),
            .init(name: "relation", title: "与户主关系", kind: .enum, values: relations, isRequired: true),
            .init(name: "birth_date", title: "出生日期", kind: .date, isRequired: true),
            .init(name: "is_disabled", title: "是否残疾", kind: .boolean),
            .init(name: "disability", title: "残疾类别", kind: .text, sensitivity: .health),
            .init(name: "labour_capacity", title: "劳动技能", kind: .enum, values: labourCapacities),
        ])

    /// 户类型.
    public static let householdTypes = ["脱贫户", "监测户", "一般户"]
    /// 三类群体: the monitoring groups of a 监测户 (seed 004).
    public static let monitoringGroups = ["脱贫不稳定户", "边缘易致贫户", "突发严重困难户"]
    /// 与户主关系, as the national system lists them.
    public static let relations = ["户主", "配偶", "之子", "之女", "之儿媳", "之女婿", "之孙子", "之孙女", "之父", "之母", "之兄弟姐妹", "其他"]
    /// 劳动技能, as the national system lists them.
    public static let labourCapacities = ["技能劳动力", "普通劳动力", "弱劳动力或半劳动力", "丧失劳动力", "无劳动力"]

    /// The table a register field lives in.
    public static func dataset(of table: RegisterField.Table) -> Dataset {
        table == .person ? persons : households
    }
}
