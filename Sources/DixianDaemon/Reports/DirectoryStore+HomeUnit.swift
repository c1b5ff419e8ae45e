import DixianDirectory
import DixianStore

extension DirectoryStore {
    /// The name a county's ledger or report carries when no unit is asked for: its county (the directory also holds
    /// the province and city above it), else the topmost unit.
    func homeUnitName() async throws -> String {
        let units = try await self.units()
        let home = units.filter { $0.level == .county }.min { $0.code < $1.code }
            ?? units.min { ($0.code.level.depth, $0.code) < ($1.code.level.depth, $1.code) }
        return home?.name ?? ""
    }
}
