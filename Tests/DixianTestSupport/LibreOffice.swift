import Foundation

/// LibreOffice headless (`soffice`, Debian's libreoffice-calc-nogui, installed by `scripts/test`): the office suite
/// many county offices use, as a peer that must open every workbook dixian writes.
public enum LibreOffice {
    /// The first `soffice` or `libreoffice` on `PATH`.
    public static let url: URL? = ToolProcess.find("soffice") ?? ToolProcess.find("libreoffice")

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Converts `path` to PDF in a fresh directory with a profile of its own; returns the PDF's bytes and
    /// LibreOffice's output. Fails when LibreOffice exits non-zero or writes no PDF. LibreOffice takes seconds, so
    /// the wait happens off the cooperative pool (see ``offCooperativePool(_:)``).
    public static func convertToPDF(_ path: String) async throws -> (pdf: [UInt8], output: String) {
        try await offCooperativePool { try convertBlocking(path) }
    }

    private static func convertBlocking(_ path: String) throws -> (pdf: [UInt8], output: String) {
        guard let url else { throw Failure(description: "soffice not found: scripts/test installs libreoffice-calc-nogui") }
        let folder = try makeWorkDirectory("libreoffice")
        let process = Process()
        process.executableURL = url
        process.arguments = [
            "-env:UserInstallation=file://\(folder)/profile", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", folder, path,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let pdf = folder + "/" + URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".pdf"
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf) else {
            throw Failure(description: "LibreOffice did not convert \(path) (exit \(process.terminationStatus)): \(text)")
        }
        return (Array(data), text)
    }
}
