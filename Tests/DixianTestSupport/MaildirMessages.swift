import Foundation

/// The messages of a maildir's `new/`, decoded by Python's email package (an independent MIME reader): the
/// subject and every text part, and with `recipients` the `To` header first. Empty without python3. Python is
/// waited for off the cooperative pool (see ``offCooperativePool(_:)``).
public func decodedMaildirMessages(in maildir: String, recipients: Bool = false) async -> [String] {
    (try? await offCooperativePool { decodedMaildirMessagesBlocking(in: maildir, recipients: recipients) }) ?? []
}

private func decodedMaildirMessagesBlocking(in maildir: String, recipients: Bool) -> [String] {
    guard let python = PythonInterpreter.url else { return [] }
    let process = Process()
    process.executableURL = python
    process.arguments = ["-c", """
        import email, email.header, glob, json, sys
        out = []
        for path in sorted(glob.glob(sys.argv[1] + '/new/*')):
            m = email.message_from_bytes(open(path, 'rb').read())
            text = (m.get('To', '') + '\\n' if sys.argv[2] == 'to' else '')
            text += str(email.header.make_header(email.header.decode_header(m.get('Subject', ''))))
            for part in m.walk():
                if part.get_content_maintype() == 'text':
                    text += '\\n' + part.get_payload(decode=True).decode(part.get_content_charset() or 'utf-8')
            out.append(text)
        print(json.dumps(out))
        """, maildir, recipients ? "to" : "-"]
    let output = Pipe()
    process.standardOutput = output
    guard (try? process.run()) != nil else { return [] }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (try? JSONSerialization.jsonObject(with: data) as? [String]) ?? []
}
