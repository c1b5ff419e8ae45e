import ArgumentParser
import DixianCore
import DixianDaemon
import DixianStore
import DixianWeb
import Foundation

extension LedgerCommand {
    /// `dixian ledger evidence …`: 一问题一档案.
    struct EvidenceCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evidence",
            abstract: "证明材料（一问题一档案）：附加、列出、取出，每个文件不超过 10 MiB (evidence files).",
            subcommands: [Add.self, List.self, Get.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "为问题附加一个证明材料文件；同一文件再附加不重复保存 (attach a file).")
            @OptionGroup var configurationOptions: ConfigurationOptions
            @Argument(help: ArgumentHelp("问题编号 (problem)", valueName: "WT…")) var number: String
            @Argument(help: ArgumentHelp("文件 (file)", valueName: "FILE")) var file: String
            @Option(help: ArgumentHelp("内容类型，缺省按扩展名判断 (content type)", valueName: "TYPE")) var type: String?
            @Option(help: ArgumentHelp("以此干部的名义 (official id)", valueName: "OFFICIAL")) var by: String?

            func validate() throws {
                if let type, type.range(of: "^[a-z]+/[a-z0-9.+-]+$", options: .regularExpression) == nil {
                    throw ValidationError("--type 应形如 application/pdf")
                }
            }

            func run() async throws {
                let bytes = try OperatorFile.read(file)
                let name = URL(fileURLWithPath: file).lastPathComponent
                let contentType = type ?? LedgerCLI.contentType(of: name)
                let record = try await LedgerCLI.withDesk(configurationOptions) { desk in
                    try await desk.store.addEvidence(
                        number: number, fileName: name, contentType: contentType, bytes: bytes, entry: try await LedgerCLI.entry(desk, by: by))
                }
                print("已附加证明材料 #\(record.id) \(record.fileName)（\(record.size) 字节，sha256 \(record.sha256)）(attached)")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "列出问题的证明材料 (list a problem's files).")
            @OptionGroup var configurationOptions: ConfigurationOptions
            @Argument(help: ArgumentHelp("问题编号 (problem)", valueName: "WT…")) var number: String
            @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

            func run() async throws {
                let files = try await LedgerCLI.withDesk(configurationOptions) { desk in try await desk.store.evidence(number: number) }
                if format == .json { return try printJSON(files.map(LedgerProblemView.Evidence.init)) }
                guard !files.isEmpty else { return print("\(number) 没有证明材料 (no files)") }
                printTable(
                    ["# ID", "文件 FILE", "类型 TYPE", "字节 BYTES", "SHA-256", "附加人 BY"],
                    files.map { ["\($0.id)", $0.fileName, $0.contentType, "\($0.size)", $0.sha256, $0.addedBy] })
            }
        }

        struct Get: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "取出一个证明材料文件 (download a file).")
            @OptionGroup var configurationOptions: ConfigurationOptions
            @Argument(help: ArgumentHelp("问题编号 (problem)", valueName: "WT…")) var number: String
            @Argument(help: ArgumentHelp("材料编号，见 evidence list (file id)", valueName: "ID")) var id: Int64
            @Option(help: ArgumentHelp("保存为，缺省为当前目录下的原文件名（已存在时不覆盖）(output file)", valueName: "FILE")) var out: String?

            func run() async throws {
                let found = try await LedgerCLI.withDesk(configurationOptions) { desk in
                    try await desk.store.evidenceContent(number: number, id: id)
                }
                guard let (record, bytes) = found else {
                    var standardError = StandardError()
                    print("错误 (error): \(number) 没有编号为 \(id) 的证明材料 (no such file)", to: &standardError)
                    throw ExitCode.failure
                }
                let path = out ?? record.fileName
                // The stored name comes from whoever attached the file: never let it replace a file here unasked.
                guard out != nil || !FileManager.default.fileExists(atPath: path) else {
                    var standardError = StandardError()
                    print("错误 (error): 当前目录已有 \(path)，请用 --out 指定保存位置 (the file exists; give --out)", to: &standardError)
                    throw ExitCode.failure
                }
                try OperatorFile.write(bytes, to: path)
                print("已保存 \(path)（\(bytes.count) 字节，sha256 \(record.sha256)）(saved)")
            }
        }
    }
}

extension LedgerCLI {
    /// The content type an office's usual files have; anything else is `application/octet-stream`.
    static func contentType(of name: String) -> String {
        switch URL(fileURLWithPath: name).pathExtension.lowercased() {
        case "pdf": "application/pdf"
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "doc": "application/msword"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "xls": "application/vnd.ms-excel"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "ofd": "application/ofd"
        case "txt": "text/plain"
        default: "application/octet-stream"
        }
    }
}
