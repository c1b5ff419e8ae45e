import DixianCore
import DixianDirectory
import DixianDispatch
import DixianPlugins
import Foundation
import Testing

/// Issue 16: every shipped template, for every duty, rendered with the demo county's own units and people,
/// reads as a county office would write it. The golden files under `Golden/` show the wording; set
/// `DIXIAN_UPDATE_GOLDEN=1` to rewrite them after a deliberate change, and review the diff.
@Suite("Shipped wording on the demo county")
struct ShippedWordingTests {
    /// A level word written twice (`村村`, `县县`), except before 长 (`东关镇镇长`, `岚川县县长` are right).
    static var repeatedLevelWord: Regex<AnyRegexOutput> { try! Regex("(社区|街道|村|县|镇|乡|市)\\1(?!长)") }
    /// What an empty value leaves behind: empty brackets or quotes, a label with nothing after it.
    static var emptyPlaceholder: Regex<AnyRegexOutput> { try! Regex("（）|“”|《》|\\(\\)|(责任人|工作要求|依据|详情|目标)：(\\n|$|。)|，。|，，|：，") }

    @Test("no repeated level word, empty placeholder or doubled unit name in any template of any duty")
    func noKnownDefects() throws {
        for sample in try WordingSamples.all() {
            for part in [sample.content.subject, sample.content.text, sample.content.chat] {
                #expect(part.firstMatch(of: Self.repeatedLevelWord) == nil, "\(sample.label): repeated level word in\n\(part)")
                #expect(part.firstMatch(of: Self.emptyPlaceholder) == nil, "\(sample.label): empty placeholder in\n\(part)")
                for name in sample.unitNames where part.contains(name + name) {
                    Issue.record("\(sample.label): doubled unit name \(name) in\n\(part)")
                }
                #expect(!part.contains("温馨提示") && !part.contains("不少于100%"), "\(sample.label): \(part)")
                #expect(!part.contains("第2级督办") && !part.contains("级督办"), "\(sample.label): \(part)")
            }
        }
    }

    @Test("the defect checks catch the renders the issue quotes")
    func defectChecksWork() {
        #expect("岚川县东关镇枣口村村党组织书记".firstMatch(of: Self.repeatedLevelWord) != nil)
        #expect("岚川县县巩固衔接领导小组办公室".firstMatch(of: Self.repeatedLevelWord) != nil)
        #expect("岚川县东关镇镇长".firstMatch(of: Self.repeatedLevelWord) == nil)
        #expect("责任人：（）".firstMatch(of: Self.emptyPlaceholder) != nil)
    }

    @Test("posts are named as offices write them")
    func postNames() throws {
        let samples = try WordingSamples.all()
        let text = samples.map(\.content.text).joined(separator: "\n")
        #expect(text.contains("党组织书记"))
        #expect(!text.contains("村村党组织书记"))
        #expect(text.contains("岚川县巩固衔接领导小组办公室"))
        #expect(text.contains("岚川县教育和体育局巩固衔接工作联络员"), "a per-sector role is named by its bureau")
        #expect(!text.contains("行业部门联络员"))
        #expect(!text.contains("刘胡兰镇") && !text.contains("七家镇"), "no other county's document in a message")
        let escalations = samples.filter { $0.kind == .escalation }.map(\.content.text).joined()
        #expect(escalations.contains("现予二次督办"))
        #expect(escalations.contains("请提请县委书记阅示"), "the 县委办 gets the 县委书记's overdue items to put before them")
    }

    @Test("the golden files show the rendered wording")
    func golden() throws {
        let byPlugin = Dictionary(grouping: try WordingSamples.all(), by: \.pluginID)
        let directory = RenderingFixtures.repositoryRoot + "/Tests/DixianDispatchTests/Rendering/Golden"
        let update = ProcessInfo.processInfo.environment["DIXIAN_UPDATE_GOLDEN"] == "1"
        for (plugin, samples) in byPlugin.sorted(by: { $0.key < $1.key }) {
            let rendered = samples.map(\.goldenText).joined(separator: "\n")
            let path = "\(directory)/\(plugin).txt"
            if update {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try rendered.write(toFile: path, atomically: true, encoding: .utf8)
            }
            let expected = try? String(contentsOfFile: path, encoding: .utf8)
            #expect(expected == rendered, "\(path) differs; run with DIXIAN_UPDATE_GOLDEN=1 and review the diff")
        }
    }
}
