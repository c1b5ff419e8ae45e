extension DemoCounty {
    /// Surnames, most frequent in Shanxi first; repeated entries weight the draw.
    public static let surnames: [String] = [
        "王", "王", "王", "李", "李", "李", "张", "张", "张", "刘", "刘", "刘", "赵", "赵", "郭", "郭", "杨", "杨",
        "武", "武", "梁", "梁", "贾", "贾", "韩", "冯", "任", "白", "薛", "马", "高", "田", "孙", "胡", "陈", "吴",
        "乔", "温", "阎", "史", "范", "申", "郝", "常", "牛", "侯", "秦", "段", "宋", "吕", "曹", "程", "董", "许",
    ]

    /// Characters of given names; a name has one or two.
    public static let givenCharacters: [String] = [
        "建", "国", "军", "伟", "强", "敏", "静", "丽", "芳", "霞", "红", "英", "华", "明", "亮", "平", "峰", "鹏",
        "涛", "斌", "杰", "磊", "勇", "刚", "辉", "宏", "俊", "文", "志", "海", "春", "秀", "兰", "燕", "娟", "萍",
        "玉", "晓", "雪", "慧", "宇", "浩", "鑫", "瑞", "晋", "林", "琳", "婷", "军", "卫", "东", "忠", "利", "飞",
    ]

    /// First parts of village names: directions, sizes, trees, and "<surname>家".
    static let villagePrefixes: [String] = [
        "东", "西", "南", "北", "上", "下", "前", "后", "大", "小", "高", "新", "红", "石", "柳", "杨", "枣", "杏",
        "桃", "榆", "槐", "松", "青", "白", "黄", "马", "羊", "水", "泉", "沙", "李家", "王家", "张家", "刘家",
        "赵家", "郭家", "武家", "梁家", "贾家", "韩家", "冯家", "任家", "白家", "薛家", "乔家", "温家", "申家",
    ]

    /// Second parts: the landforms of loess-plateau villages.
    static let villageSuffixes: [String] = [
        "庄", "沟", "湾", "峪", "坪", "洼", "堡", "寨", "峁", "河", "岭", "塬", "坡", "垣", "滩", "窑", "口",
        "头", "咀", "台", "坊", "营", "屯", "园",
    ]

    /// The towns: name and town code (TTT). 0xx are 街道, 1xx 镇, 2xx 乡, as in real codes.
    static let towns: [(code: Int, name: String)] = [
        (1, "岚城街道"), (101, "东关镇"), (102, "清泉镇"), (103, "杏花镇"), (104, "青石镇"), (105, "龙泉镇"),
        (106, "白马镇"), (107, "双河镇"), (201, "南庄乡"), (202, "西坪乡"), (203, "红崖乡"), (204, "桃园乡"),
    ]

    /// The county's sector bureaus: sector (plugin id) and name.
    static let sectorBureaus: [(sector: String, name: String)] = [
        ("governance", "岚川县农业农村局（乡村振兴局）"),
        ("education", "岚川县教育和体育局"),
        ("health", "岚川县卫生健康局"),
        ("housing", "岚川县住房和城乡建设局"),
        ("water", "岚川县水利局"),
        ("employment", "岚川县人力资源和社会保障局"),
        ("credit", "岚川县金融服务中心"),
    ]

    /// Sectors that have town working groups (专班): the six sector plugins, not governance.
    static let workingGroupSectors = ["education", "health", "housing", "water", "employment", "credit"]
}
