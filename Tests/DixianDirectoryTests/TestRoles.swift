import DixianDirectory

/// The role catalogue the shipped plugins declare (plugins/*/plugin.yaml `roles:`), as the
/// daemon passes it in. Kept here so the pure tests need no YAML; the store tests check the demo
/// county against the real plugin files.
enum TestRoles {
    static let catalogue = RoleCatalogue(
        roles: [
            DirectoryRole(id: "city_office", name: "市巩固衔接领导小组办公室", level: .city),
            DirectoryRole(id: "county_party_secretary", name: "县委书记", level: .county),
            DirectoryRole(id: "county_magistrate", name: "县长", level: .county),
            DirectoryRole(id: "county_leader_in_charge", name: "分管县级领导", level: .county),
            DirectoryRole(id: "county_office", name: "县巩固衔接领导小组办公室", level: .county),
            DirectoryRole(id: "county_party_office", name: "县委办公室", level: .county),
            DirectoryRole(id: "county_government_office", name: "县政府办公室", level: .county),
            DirectoryRole(id: "finance_contact", name: "县财政局联络员", level: .county),
            DirectoryRole(id: "action_lead_department", name: "“十大提升行动”牵头部门", level: .county),
            DirectoryRole(id: "bureau_head", name: "行业部门主要负责同志", level: .county, perSector: true),
            DirectoryRole(id: "bureau_contact", name: "行业部门联络员", level: .county, perSector: true),
            DirectoryRole(id: "county_leader", name: "县级包联领导", level: .village),
            DirectoryRole(id: "town_party_secretary", name: "乡镇（街道）党委书记", level: .town),
            DirectoryRole(id: "town_head", name: "乡镇长（街道办事处主任）", level: .town),
            DirectoryRole(id: "town_office", name: "乡镇巩固衔接领导小组办公室", level: .town),
            DirectoryRole(id: "town_working_group", name: "乡镇行业工作专班", level: .town, perSector: true),
            DirectoryRole(id: "village_secretary", name: "村党组织书记", level: .village),
            DirectoryRole(id: "first_secretary", name: "驻村第一书记", level: .village),
            DirectoryRole(id: "village_cadre", name: "村干部（网格员）", level: .village),
            DirectoryRole(id: "helper", name: "帮扶责任人", level: .village),
            DirectoryRole(id: "education_send_teacher", name: "送教上门结对教师", level: .town),
            DirectoryRole(id: "health_insurance_head", name: "县医保局主要负责同志", level: .county),
            DirectoryRole(id: "health_insurance_contact", name: "县医保局联络员", level: .county),
            DirectoryRole(id: "health_township_hospital", name: "乡镇卫生院院长", level: .town),
            DirectoryRole(id: "health_village_doctor", name: "村医", level: .village),
            DirectoryRole(id: "credit_bank_branch", name: "放贷金融机构乡镇网点负责人", level: .town),
        ],
        sectors: ["governance", "education", "health", "housing", "water", "employment", "credit"]
    )

    /// A small tree: one county, two towns, three villages.
    static let snapshot = DirectorySnapshot(unitCodes: Set([
        "149721000000", "149721101000", "149721102000", "149721101201", "149721101202", "149721102201",
    ].map { try! DivisionCode(validating: $0) }))
}
