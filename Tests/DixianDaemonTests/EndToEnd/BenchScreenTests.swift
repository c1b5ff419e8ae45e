import DixianTestSupport
import Foundation
import Testing

/// Issue 12, item 9: `dixian bench screen` at a small size. It prints figures and the test reads only that they
/// are there (tests never time anything); the one thing it does check is the bench's own correctness check,
/// that every compiled rule and its hand-written query find the same rows (a mismatch exits non-zero).
@Suite("bench screen, end to end")
struct BenchScreenTests {
    @Test("bench screen --persons 2000 prints the import ratio and the rule ratio, every rule with both queries")
    func smallRun() async throws {
        let result = try await CommandResult.run(
            ["bench", "screen", "--persons", "2000", "--repetitions", "1"], workingDirectory: DixianBinary.packageRoot)
        #expect(result.status == 0, "\(result.output)\(result.errorOutput)")
        #expect(result.output.contains("导入速度比 (import ratio"), "\(result.output)")
        #expect(result.output.contains("规则耗时比 (rule ratio"), "\(result.output)")
        #expect(result.output.contains("2000 行 (rows)"), "\(result.output)")
        // Every shipped rule has its hand-written query, and no count differs.
        #expect(!result.output.contains("无手写查询"), "\(result.output)")
        #expect(!result.output.contains("MISMATCH"), "\(result.output)")
        #expect(result.errorOutput.contains("规则 (rule) health.not_insured"), "progress goes to stderr: \(result.errorOutput)")
    }
}
