/// The urban-rural classification code (城乡分类代码) that the national statistics bureau's division code
/// table (统计用区划代码和城乡划分代码) gives each 居委会 and 村委会: 1xx is urban (城镇), 2xx rural (乡村).
///
/// Only village-level units (村/社区) carry a code in that table; the directory stores a code written on
/// any row but the planner reads it at village level only.
public enum UrbanRuralCode: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// 111 主城区.
    case mainUrbanArea = "111"
    /// 112 城乡结合区.
    case urbanRuralFringe = "112"
    /// 121 镇中心区.
    case townCentre = "121"
    /// 122 镇乡结合区.
    case townRuralFringe = "122"
    /// 123 特殊区域 (an urban special area: a development zone, a state farm's seat …).
    case specialArea = "123"
    /// 210 乡中心区.
    case townshipCentre = "210"
    /// 220 村庄.
    case village = "220"

    /// Whether the code is rural (乡村, 2xx); urban codes (城镇, 1xx) are not.
    public var isRural: Bool {
        self.rawValue.hasPrefix("2")
    }

    /// The official name, e.g. `村庄`.
    public var chineseName: String {
        switch self {
        case .mainUrbanArea: "主城区"
        case .urbanRuralFringe: "城乡结合区"
        case .townCentre: "镇中心区"
        case .townRuralFringe: "镇乡结合区"
        case .specialArea: "特殊区域"
        case .townshipCentre: "乡中心区"
        case .village: "村庄"
        }
    }

    /// `220 村庄`.
    public var description: String {
        "\(self.rawValue) \(self.chineseName)"
    }

    /// Reads a cell as the statistics table or a person writes it: the code (`220`), the name (`村庄`), or
    /// both (`220 村庄`, `220村庄`).
    public init?(parsing text: String) {
        let trimmed = text.trimmingDirectorySpace()
        if let code = UrbanRuralCode(rawValue: trimmed) {
            self = code
            return
        }
        if let code = Self.allCases.first(where: { $0.chineseName == trimmed }) {
            self = code
            return
        }
        let digits = String(trimmed.prefix(3))
        let rest = String(trimmed.dropFirst(3)).trimmingDirectorySpace()
        guard let code = UrbanRuralCode(rawValue: digits), rest == code.chineseName else { return nil }
        self = code
    }

    /// Every code with its name, for error messages: `111 主城区、112 城乡结合区、…`.
    static var listing: String {
        Self.allCases.map(\.description).joined(separator: "、")
    }
}
