import Foundation

/// `scripts/tabular-oracle.py`: openpyxl, python-calamine and Python's csv as independent readers and writers of
/// the tables dixian reads and writes.
public enum TabularOracle {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `tabular-oracle.py COMMAND SEED PATH` and decodes its JSON answer; the wait happens off the
    /// cooperative pool (see ``offCooperativePool(_:)``).
    public static func run<Answer: Decodable & Sendable>(_ command: String, seed: Int, path: String) async throws -> Answer {
        try await offCooperativePool { try runBlocking(command, seed: seed, path: path) }
    }

    private static func runBlocking<Answer: Decodable>(_ command: String, seed: Int, path: String) throws -> Answer {
        guard let python = PythonInterpreter.url else { throw Failure(description: RequiredTools.missing("python3")) }
        let process = Process()
        process.executableURL = python
        process.arguments = [DixianBinary.packageRoot + "/scripts/tabular-oracle.py", command, String(seed), path]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: RequiredTools.missing("openpyxl / python-calamine") + "\n" + String(decoding: errors, as: UTF8.self))
        }
        return try JSONDecoder().decode(Answer.self, from: output)
    }

    /// `tabular-oracle.py inspect`: a written workbook as openpyxl and calamine read it.
    public struct Inspection: Decodable, Sendable {
        public struct Sheet: Decodable, Sendable {
            public var name: String
            public var values: [[String]]
            public var types: [[String]]
            public var merged: [String]
            public var widths: [String: Double]
            public var frozen: String?
            public var orientation: String?
            public var paper: Int?
            public var calamine: [[String]]
        }

        public var sheets: [Sheet]
    }

    /// Writes `bytes` to a fresh file and inspects it.
    public static func inspect(_ bytes: [UInt8]) async throws -> Inspection {
        let folder = try makeWorkDirectory("xlsx")
        let path = folder + "/book.xlsx"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try await run("inspect", seed: 0, path: path)
    }

    /// `tabular-oracle.py edit`: the workbook at `path` edited and saved by openpyxl, as an office fills it in:
    /// `cells` set on the first sheet, `addRows` written where the 填表说明 footnote was (moved below).
    public static func edit(_ path: String, cells: [String: String] = [:], addRows: [[String]] = []) async throws {
        struct Edits: Encodable {
            var cells: [String: String]
            var add_rows: [[String]]
        }
        struct Answer: Decodable, Sendable { var rows: Int }
        try JSONEncoder().encode(Edits(cells: cells, add_rows: addRows)).write(to: URL(fileURLWithPath: path + ".edits.json"))
        let _: Answer = try await run("edit", seed: 0, path: path)
    }
}
