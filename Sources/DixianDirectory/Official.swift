/// An official (干部/联系人): who holds which roles at which unit, and how to reach them.
///
/// One row per person and unit: a county leader paired with a village (`county_leader`, held at
/// the village) who is also, say, `county_magistrate` (held at the county) has two rows with two
/// ids, because role resolution walks units and each row hangs off exactly one.
public struct Official: Sendable, Hashable, Codable {
    /// The county's stable staff id (工号), e.g. `LC0001`. Never reused for another person.
    public var id: String
    /// The person's name.
    public var name: String
    /// Role ids declared by the plugins, sorted and without duplicates.
    public var roles: [String]
    /// The unit the roles are held at.
    public var orgUnitCode: DivisionCode
    /// The bureau's name (行业部门), if the official works for one.
    public var bureau: String?
    /// The sector (plugin id) of per-sector roles such as `bureau_contact`.
    public var sector: String?
    /// E-mail address. Personal data: never logged at info level.
    public var email: String?
    /// Mainland mobile number, 11 digits. Personal data: never logged at info level.
    public var mobile: String?
    /// Chat-platform user ids.
    public var chatIDs: ChatIDs
    /// Whether reminders go to this official (在岗).
    public var active: Bool

    public init(
        id: String,
        name: String,
        roles: [String],
        orgUnitCode: DivisionCode,
        bureau: String? = nil,
        sector: String? = nil,
        email: String? = nil,
        mobile: String? = nil,
        chatIDs: ChatIDs = ChatIDs(),
        active: Bool = true
    ) {
        self.id = id
        self.name = name
        self.roles = Array(Set(roles)).sorted()
        self.orgUnitCode = orgUnitCode
        self.bureau = bureau
        self.sector = sector
        self.email = email
        self.mobile = mobile
        self.chatIDs = chatIDs
        self.active = active
    }

    /// The id of the bureau row this official points to, if any.
    public var bureauID: String? {
        self.bureau.map { Bureau.identifier(name: $0, unit: Bureau.home(of: self.orgUnitCode)) }
    }
}
