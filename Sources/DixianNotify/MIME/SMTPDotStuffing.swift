/// SMTP transparency (RFC 5321 §4.5.2): a line starting with `.` gets a second `.`, so no line of the
/// message can be read as the end-of-data marker. Kept apart from rendering because a maildir file
/// must hold the message as is.
public enum SMTPDotStuffing {
    /// `message` with a `.` added before every `.` that starts a line. Lines end in CRLF, as
    /// ``MailMessage/render()`` writes them; the terminating `CRLF.CRLF` is the SMTP client's job.
    public static func stuff(_ message: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 16)
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in message {
            if atLineStart, byte == UInt8(ascii: ".") {
                output.append(byte)
            }
            output.append(byte)
            atLineStart = previous == 0x0D && byte == 0x0A
            previous = byte
        }
        return output
    }
}
