import DixianCore
import Hummingbird

/// 422 `override_invalid`: an override text the loader refused, answered as the API's error with every problem at
/// its line and column inside the submitted text: `{"error": {"code", "message", "problems": [{"line", "column",
/// "message"}]}}`. Problems outside the text (another plugin's version, say) carry their file.
struct OverrideInvalid: Error {
    struct Problem: Encodable {
        var file: String?
        var line: Int
        var column: Int
        var message: String
    }

    var problems: [Problem]

    init(_ rejection: OverrideRejection) {
        problems = rejection.errors.map { diagnostic in
            Problem(file: rejection.isInsideText(diagnostic) ? nil : diagnostic.file, line: diagnostic.line, column: diagnostic.column,
                    message: diagnostic.message + (diagnostic.hint.map { " (\($0))" } ?? ""))
        }
    }

    var response: Response {
        struct Body: Encodable {
            struct Detail: Encodable {
                var code = "override_invalid"
                var message: String
                var problems: [Problem]
            }
            var error: Detail
        }
        let message = "覆盖配置无法加载，未保存：\(problems.count) 个错误 (override does not load; nothing stored)"
        return APIResponse.json(Body(error: .init(message: message, problems: problems)), status: .unprocessableContent)
    }
}
