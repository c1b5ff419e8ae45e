import DixianDispatch
import DixianNotify
import Testing

/// A channel renders only what it sends: mailboxes the subject, text and HTML; chat groups and webhooks the
/// subject and chat text. Each selection must equal the same parts of a full rendering.
@Suite("Rendering only the parts a channel sends")
struct RenderedPartsTests {
    @Test("mail and chat parts are each what the full rendering says, and nothing else is rendered")
    func partsMatchFullRendering() throws {
        for (plugin, duty, template) in RenderingFixtures.everyTemplate {
            let facts = RenderingFixtures.facts(plugin, duty, kind: .reminder, today: "2026-07-28")
            let all = try RenderingFixtures.renderer.render(template, facts: facts)
            let mail = try RenderingFixtures.renderer.render(template, facts: facts, parts: .mail)
            let chat = try RenderingFixtures.renderer.render(template, facts: facts, parts: .chat)
            let label = "\(plugin.id).\(template.id)"
            #expect(mail == RenderedContent(subject: all.subject, text: all.text, html: all.html, chat: ""), "\(label)")
            #expect(chat == RenderedContent(subject: all.subject, text: "", html: nil, chat: all.chat), "\(label)")
            #expect(!all.chat.isEmpty && !all.text.isEmpty, "\(label)")
        }
    }

    @Test("a channel that carries email gets the mail parts, any other the chat part")
    func partsPerChannel() {
        #expect(MessageRenderer.Parts.sentBy(carriesEmail: true) == .mail)
        #expect(MessageRenderer.Parts.sentBy(carriesEmail: false) == .chat)
        #expect(MessageRenderer.Parts.all.contains([.mail, .chat]))
    }
}
