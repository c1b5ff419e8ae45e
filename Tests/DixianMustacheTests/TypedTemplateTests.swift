import DixianMustache
import Testing

/// What the typed renderer writes for the constructs dixian's templates use, and what it leaves to swift-mustache.
@Suite struct TypedTemplateTests {
    static let context: MustacheValue = [
        "name": "李明", "html": "<b>\"A&B's\"</b>", "yes": true, "no": false,
        "items": .list(["甲", "乙"]), "none": .list([]),
        "unit": ["name": "七家镇", "code": "360102"], "inner": ["name": "内层"],
    ]

    static func render(_ text: String, _ context: MustacheValue = context) throws -> String {
        try TypedTemplate(parsing: text).render(context)
    }

    @Test func variablesAreEscapedForHTMLUntilATextPragma() throws {
        #expect(try Self.render("{{html}}") == "&lt;b&gt;&quot;A&amp;B&#39;s&quot;&lt;/b&gt;")
        #expect(try Self.render("{{{html}}}|{{&html}}") == "<b>\"A&B's\"</b>|<b>\"A&B's\"</b>")
        #expect(try Self.render("{{% CONTENT_TYPE: TEXT }}\n{{html}}") == "<b>\"A&B's\"</b>")
    }

    @Test func aPragmaInsideASectionEndsWithIt() throws {
        #expect(try Self.render("{{#yes}}{{% CONTENT_TYPE: TEXT }}{{html}}{{/yes}}{{html}}") == "<b>\"A&B's\"</b>&lt;b&gt;&quot;A&amp;B&#39;s&quot;&lt;/b&gt;")
    }

    @Test func sectionsOverListsBooleansObjectsAndMissingNames() throws {
        #expect(try Self.render("{{#items}}[{{.}}]{{/items}}") == "[甲][乙]")
        #expect(try Self.render("{{#yes}}是{{/yes}}{{#no}}否{{/no}}{{^no}}非{{/no}}{{#missing}}无{{/missing}}{{^missing}}缺{{/missing}}") == "是非缺")
        #expect(try Self.render("{{^none}}空{{.}}{{/none}}{{#none}}有{{/none}}") == "空[]")
        #expect(try Self.render("{{#unit}}{{name}}{{code}}{{/unit}}") == "七家镇360102")
    }

    @Test func namesClimbTheStackUnlessAnchored() throws {
        #expect(try Self.render("{{#inner}}{{name}}/{{unit.code}}/{{.name}}/{{.unit}}{{/inner}}") == "内层/360102/内层/")
        #expect(try Self.render("{{#unit}}{{#inner}}{{code}}{{/inner}}{{/unit}}") == "360102")
        // A dotted name stops at its first segment's object: `unit.missing` does not fall back to anything else.
        #expect(try Self.render("{{unit.missing}}|{{unit.name.x}}") == "|")
    }

    @Test func standaloneTagsTakeTheirWholeLine() throws {
        #expect(try Self.render("a\n  {{#yes}}  \nb\n  {{/yes}}\nc") == "a\nb\nc")
        #expect(try Self.render("a\n  {{! note }}\nb") == "a\nb")
        #expect(try Self.render("a {{#yes}}\nb\n{{/yes}} c") == "a \nb\n c")
        // Whitespace before an inline comment goes out with the next text, as swift-mustache writes it.
        #expect(try Self.render("  {{! c }} x") == "   x")
    }

    @Test func constructsOutsideTheSubsetAreLeftToSwiftMustache() {
        for text in ["{{> partial}}", "{{=<% %>=}}", "{{<base}}{{/base}}", "{{$block}}{{/block}}", "{{uppercase(name)}}", "{{% CONTENT_TYPE: JSON }}"] {
            #expect(throws: TypedTemplateError.self) { try TypedTemplate(parsing: text) }
            #expect((try? TypedTemplate(parsing: text)) == nil, "\(text)")
            do { _ = try TypedTemplate(parsing: text) } catch { #expect(error.code == .unsupported, "\(text): \(error)") }
        }
    }

    @Test func brokenTemplatesAreSyntaxErrors() {
        for text in ["{{#a}}", "{{/a}}", "{{#a}}{{/b}}", "{{a", "{{! open", "x{", "{{{a}}"] {
            do {
                _ = try TypedTemplate(parsing: text)
                Issue.record("\(text) parsed")
            } catch {
                #expect(error.code == .syntax, "\(text): \(error)")
            }
        }
    }
}
