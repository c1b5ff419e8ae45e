extension YAMLValue.Kind {
    /// The kind in Chinese, for "实际为…" hints.
    var chineseName: String {
        switch self {
        case .null: "空值"
        case .string: "字符串"
        case .integer: "整数"
        case .number: "小数"
        case .boolean: "布尔值"
        case .otherScalar: "标量"
        case .mapping: "映射"
        case .sequence: "列表"
        }
    }

    /// The kind in English with its article, for "found …" hints.
    var englishName: String {
        switch self {
        case .null: "null"
        case .string: "a string"
        case .integer: "an integer"
        case .number: "a decimal number"
        case .boolean: "a boolean"
        case .otherScalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}
