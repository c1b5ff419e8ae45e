import DixianCore
import DixianDatasets
import DixianPlugins
import DixianScreening
import Testing

/// Every enabled shipped rule, evaluated in memory over its dataset's demo rows as of the demo's reference
/// date, fires on a plausible few percent and finds little data missing: the demo shows every rule at work,
/// and no rule alerts on half the county.
@Suite("Shipped rules on the demo data")
struct DemoRuleRateTests {
    /// One rule's outcome on the demo.
    struct Rate: CustomStringConvertible {
        var rule: String
        var rows = 0
        var fired = 0
        var missing = 0
        var firedShare: Double { Double(fired) / Double(max(rows, 1)) }
        var missingShare: Double { Double(missing) / Double(max(rows, 1)) }
        var description: String {
            let percent = { (share: Double) in String(Int((share * 1000).rounded())).paddedTenths() }
            return "\(rule): \(fired)/\(rows) fired (\(percent(firedShare)) %), \(missing) missing (\(percent(missingShare)) %)"
        }
    }

    static func measure() -> [Rate] {
        var rates: [Rate] = []
        for plugin in Demo.plugins.plugins where plugin.isEnabled {
            let context = ScreeningContext(asOf: DemoData.referenceDate, parameters: Demo.parameters(of: plugin))
            for rule in plugin.rules where rule.isEnabled {
                var rate = Rate(rule: "\(plugin.id).\(rule.id)")
                let table = Demo.data.sectorTables.first { $0.plugin == plugin.id && $0.dataset == rule.dataset }
                for row in table?.rows ?? [] {
                    let register = row["resident_id"].map { Demo.registerFields(of: $0.csvText) } ?? [:]
                    let screening = DictionaryRow(columns: row.mapValues(\.screeningValue), register: register)
                    rate.rows += 1
                    switch rule.compiledCondition!.evaluate(screening, in: context) {
                    case true?: rate.fired += 1
                    case nil: rate.missing += 1
                    case false?: break
                    }
                }
                rates.append(rate)
            }
        }
        return rates
    }

    @Test("every enabled rule fires on 0.5–10 % of its rows, with under 2 % missing")
    func rates() {
        let rates = Self.measure()
        #expect(rates.count >= 20)
        for rate in rates {
            print(rate)
            #expect(rate.rows > 0, "\(rate.rule) has no demo rows")
            #expect(rate.firedShare >= 0.005 && rate.firedShare <= 0.10, "\(rate)")
            #expect(rate.missingShare < 0.02, "\(rate)")
        }
    }
}

extension String {
    /// `"37"` (tenths of a percent) as `"3.7"`.
    fileprivate func paddedTenths() -> String {
        let padded = count < 2 ? String(repeating: "0", count: 2 - count) + self : self
        return padded.dropLast() + "." + padded.suffix(1)
    }
}
