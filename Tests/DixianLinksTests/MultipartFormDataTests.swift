import DixianCore
import DixianTestSupport
import Foundation
import Testing

@testable import DixianLinks

/// The console's upload parser: what browsers and urllib3 send is read part for part and byte for byte, and
/// anything else is a typed refusal, never a trap. Seeded, so a failure reproduces.
@Suite("multipart/form-data: the console's evidence upload")
struct MultipartFormDataTests {
    static let boundary = "----WebKitFormBoundaryx2mQ0c5e1vYl3kJh"

    /// A body as Chromium sends a form with a hidden field and a file: the file name in raw UTF-8, `"` as `%22`.
    static func browserBody(_ content: [UInt8], fileName: String = "整改照片 %22一%22.jpg") -> [UInt8] {
        Array("""
            --\(boundary)\r
            Content-Disposition: form-data; name="csrf"\r
            \r
            0123abcd\r
            --\(boundary)\r
            Content-Disposition: form-data; name="file"; filename="\(fileName)"\r
            Content-Type: image/jpeg\r
            \r

            """.utf8) + content + Array("\r\n--\(boundary)--\r\n".utf8)
    }

    @Test("a browser's form: the hidden field as text, the file with its name, type and exact bytes")
    func browserForm() throws {
        let content: [UInt8] = [0xFF, 0xD8, 0x0D, 0x0A, 0x2D, 0x2D, 0x00] + Array("\r\n--\(Self.boundary.dropLast())".utf8) + [0xFF, 0xD9]
        let form = try MultipartFormData.parse(Self.browserBody(content), boundary: Self.boundary)
        #expect(form.parts.count == 2)
        #expect(form.field("csrf") == "0123abcd")
        let file = try #require(form.file("file"))
        #expect(file.fileName == "整改照片 %22一%22.jpg" && file.contentType == "image/jpeg")
        #expect(file.body == content, "a line break and a near-delimiter inside the file are content")
        #expect(form.field("file") == nil && form.file("csrf") == nil)
    }

    @Test("the boundary comes from the content type, quoted or not; anything else is no multipart body")
    func boundaries() {
        #expect(MultipartFormData.boundary(contentType: "multipart/form-data; boundary=\(Self.boundary)") == Self.boundary)
        #expect(MultipartFormData.boundary(contentType: "Multipart/Form-Data;boundary=\"a b:c\"") == "a b:c")
        #expect(MultipartFormData.boundary(contentType: "multipart/form-data; charset=utf-8; boundary=x") == "x")
        for refused in [
            "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=",
            "multipart/mixed; boundary=x", "multipart/form-data; boundary=\(String(repeating: "a", count: 71))",
            "multipart/form-data; boundary=\"a\\\"b\"", "multipart/form-data; boundary=\"ends \"", "multipart/form-data; boundary=中文",
        ] {
            #expect(MultipartFormData.boundary(contentType: refused) == nil, "\(refused)")
        }
    }

    @Test("refused: no delimiter, no closing delimiter, a part without form-data, too many parts")
    func refusals() {
        func code(_ body: String) -> MultipartFormDataError.Code? {
            do {
                _ = try MultipartFormData.parse(Array(body.utf8), boundary: "b")
                return nil
            } catch {
                return error.code
            }
        }
        #expect(code("") == .malformed)
        #expect(code("hello") == .malformed)
        #expect(code("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx") == .malformed, "no closing delimiter")
        #expect(code("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--") == .malformed, "no Content-Disposition")
        #expect(code("--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--") == .malformed)
        #expect(code("--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--") == .malformed, "no name")
        #expect(code("--bX\r\n") == .malformed, "a delimiter must end its line")
        let many = (0...MultipartFormData.maximumParts).map { "--b\r\nContent-Disposition: form-data; name=\"f\($0)\"\r\n\r\nx\r\n" }.joined() + "--b--"
        #expect(code(many) == .tooManyParts)
        // A preamble before the first delimiter and padding after a delimiter are allowed by RFC 2046.
        #expect(code("preamble\r\n--b \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b--") == nil)
        #expect(code("--b\r\nContent-Disposition: form-data; name=\"a\"; filename*=UTF-8''%E6%95%B4.pdf\r\n\r\nx\r\n--b--") == nil)
    }

    /// A test's own encoder, the way browsers write a body.
    static func encode(_ parts: [MultipartFormData.Part], boundary: String) -> [UInt8] {
        var body: [UInt8] = []
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let fileName = part.fileName { head += "; filename=\"\(fileName.replacingOccurrences(of: "\"", with: "%22"))\"" }
            if let type = part.contentType { head += "\r\nContent-Type: \(type)" }
            body += Array((head + "\r\n\r\n").utf8) + part.body + Array("\r\n".utf8)
        }
        return body + Array("--\(boundary)--\r\n".utf8)
    }

    static func randomParts(_ random: inout SeededRandom, boundary: String) -> [MultipartFormData.Part] {
        let names = ["csrf", "file", "note", "照片", "a-b_c"]
        let fileNames = ["a.jpg", "整改 照片.png", "报告(终).pdf", "x", "名\"字.txt"]
        let pieces: [[UInt8]] = [[0x0D, 0x0A], Array("--".utf8), Array("\r\n--\(boundary.dropLast())".utf8), [0], [0xFF], Array("整改".utf8)]
        let separator = Array("\r\n--\(boundary)".utf8)
        return (0..<(1 + random.below(5))).map { index in
            var body: [UInt8] = []
            // A sender picks a boundary its content does not contain (RFC 2046): so does this generator.
            repeat {
                body = []
                for _ in 0..<random.below(40) {
                    body += random.below(3) == 0 ? random.pick(pieces) : [UInt8(truncatingIfNeeded: random.next())]
                }
            } while ([0x0D, 0x0A] + body).firstRange(of: separator) != nil
            let isFile = random.below(2) == 0
            return MultipartFormData.Part(
                name: names[index % names.count], fileName: isFile ? random.pick(fileNames).replacingOccurrences(of: "\"", with: "%22") : nil,
                contentType: isFile ? random.pick(["image/jpeg", "application/octet-stream"]) : nil, body: body)
        }
    }

    @Test("property: random parts with line breaks and near-delimiters inside come back exactly (seeded)")
    func roundTrip() throws {
        var random = SeededRandom(seed: 0x7578)
        for round in 0..<2_000 {
            let boundary = random.pick(["b", Self.boundary, "--x--", "a'()+_,-./:=?z"])
            let parts = Self.randomParts(&random, boundary: boundary)
            let parsed = try MultipartFormData.parse(Self.encode(parts, boundary: boundary), boundary: boundary)
            #expect(parsed.parts == parts, "round \(round)")
        }
    }

    @Test("property: the delimiter search finds what the standard library's firstRange(of:) finds, in slices too (seeded)")
    func delimiterSearch() {
        var random = SeededRandom(seed: 0x6d656d)
        for round in 0..<5_000 {
            let alphabet: [UInt8] = [13, 10, 45, 98, 0, 255]
            let haystack = (0..<random.below(40)).map { _ in random.pick(alphabet) }
            let needle = (0..<random.below(5)).map { _ in random.pick(alphabet) }
            let start = random.below(haystack.count + 1)
            let slice = haystack[start...]
            let expected = needle.isEmpty ? nil : slice.firstRange(of: needle)
            #expect(MultipartFormData.firstRange(of: needle, in: slice) == expected, "round \(round)")
        }
    }

    @Test("property: every truncation before the closing delimiter is refused, every byte flip parses or is refused (seeded)")
    func mutations() {
        var random = SeededRandom(seed: 0x2046)
        for round in 0..<60 {
            let parts = Self.randomParts(&random, boundary: "bnd")
            let body = Self.encode(parts, boundary: "bnd")
            let closing = body.count - "\r\n--bnd--\r\n".utf8.count
            for length in 0..<closing {
                #expect(throws: MultipartFormDataError.self, "round \(round) length \(length)") {
                    try MultipartFormData.parse(Array(body.prefix(length)), boundary: "bnd")
                }
            }
            for _ in 0..<200 {
                var flipped = body
                flipped[random.below(flipped.count)] ^= UInt8(1 << random.below(8))
                _ = try? MultipartFormData.parse(flipped, boundary: "bnd")
            }
        }
    }

    @Test("urllib3, which requests sends with, encodes bodies this parser reads part for part")
    func urllib3CrossCheck() async throws {
        let script = """
            import json, sys, base64
            from urllib3.filepost import encode_multipart_formdata
            cases = json.load(sys.stdin)
            out = []
            for case in cases:
                fields = []
                for part in case["parts"]:
                    data = base64.b64decode(part["body"])
                    if part.get("file") is not None:
                        fields.append((part["name"], (part["file"], data, part["type"])))
                    else:
                        fields.append((part["name"], data))
                body, content_type = encode_multipart_formdata(fields, boundary=case["boundary"])
                out.append({"body": base64.b64encode(body).decode(), "type": content_type})
            json.dump(out, sys.stdout)
            """
        var random = SeededRandom(seed: 0x3986)
        var cases: [[String: Any]] = []
        var expected: [[MultipartFormData.Part]] = []
        for _ in 0..<200 {
            let boundary = "py" + String(random.next() % 1_000_000_007)
            let parts = Self.randomParts(&random, boundary: boundary).map { part in
                // urllib3 writes `"` in a file name as %22, as browsers do, and gives every file a type.
                var part = part
                part.fileName = part.fileName?.replacingOccurrences(of: "%22", with: "\"")
                return part
            }
            cases.append([
                "boundary": boundary,
                "parts": parts.map { part -> [String: Any] in
                    var json: [String: Any] = ["name": part.name, "body": Data(part.body).base64EncodedString()]
                    if let file = part.fileName { (json["file"], json["type"]) = (file, part.contentType ?? "application/octet-stream") }
                    return json
                },
            ])
            expected.append(parts.map { part in
                var part = part
                part.fileName = part.fileName?.replacingOccurrences(of: "\"", with: "%22")
                return part
            })
        }
        let output = try await PythonInterpreter.run(script, input: try JSONSerialization.data(withJSONObject: cases))
        let encoded = try #require(try JSONSerialization.jsonObject(with: output) as? [[String: String]])
        #expect(encoded.count == cases.count)
        for (index, body) in encoded.enumerated() {
            let boundary = try #require(MultipartFormData.boundary(contentType: body["type"] ?? ""), "\(body["type"] ?? "")")
            let bytes = try #require(Data(base64Encoded: body["body"] ?? ""))
            let parsed = try MultipartFormData.parse(Array(bytes), boundary: boundary)
            #expect(parsed.parts.map(\.name) == expected[index].map(\.name), "case \(index)")
            #expect(parsed.parts.map(\.body) == expected[index].map(\.body), "case \(index)")
            #expect(parsed.parts.map(\.fileName) == expected[index].map(\.fileName), "case \(index)")
            #expect(parsed.parts.map(\.contentType) == expected[index].map(\.contentType), "case \(index)")
        }
    }
}
