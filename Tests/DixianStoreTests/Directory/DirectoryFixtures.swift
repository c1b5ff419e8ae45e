import DixianDirectory
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// Small directory files and helpers shared by the directory store tests.
enum DirectoryFixtures {
    static let roles = RoleCatalogue(
        roles: [
            DirectoryRole(id: "village_secretary", name: "村党组织书记", level: .village),
            DirectoryRole(id: "village_cadre", name: "村干部（网格员）", level: .village),
            DirectoryRole(id: "helper", name: "帮扶责任人", level: .village),
            DirectoryRole(id: "town_head", name: "乡镇长（街道办事处主任）", level: .town),
            DirectoryRole(id: "bureau_contact", name: "行业部门联络员", level: .county, perSector: true),
        ],
        sectors: ["governance", "education", "health"]
    )

    static let units = """
        单位代码,名称,层级
        149721000000,岚川县,县
        149721101000,东关镇,乡镇
        149721101201,李家沟村,村
        149721101202,石门村,村
        149721102000,清泉镇,乡镇
        149721102201,柳树湾村,村

        """

    static let officialsHeader = "工号,姓名,角色,单位代码,行业部门,行业,邮箱,手机,企业微信\r\n"

    static let officials = officialsHeader
        + "T001,张三,村党组织书记,149721101201,,,zhangsan@lanchuan.gov.invalid,10000000001,zhangsan\r\n"
        + "T002,李秀英,village_cadre;helper,149721101202,,,,10000000002,\r\n"
        + "T003,王建国,town_head,149721101000,,,wjg@lanchuan.gov.invalid,10000000003,\r\n"
        + "T004,欧阳芳,bureau_contact,149721000000,岚川县教育和体育局,education,oyf@lanchuan.gov.invalid,,oyf\r\n"

    /// Every row of the directory tables as text, to prove that something "changed nothing".
    static func fingerprint(_ client: PostgresClient, logger: Logger) async throws -> String {
        let rows = try await client.query(
            """
            SELECT concat_ws('|',
                (SELECT string_agg(concat_ws(',', code, level, parent_code, name, urban_rural_code, poverty_exited, updated_at), ';' ORDER BY code)
                   FROM org_units),
                (SELECT string_agg(concat_ws(',', id, name, sector, org_unit_code, updated_at), ';' ORDER BY id) FROM bureaus),
                (SELECT string_agg(concat_ws(',', id, name, roles::text, sector, org_unit_code, bureau_id, email, mobile,
                                             chat_ids::text, active, updated_at), ';' ORDER BY id) FROM officials))
            """,
            logger: logger
        )
        for try await text in rows.decode(String?.self) { return text ?? "" }
        return ""
    }
}
