/// HTML escaping for the text dixian writes into HTML itself (confirmation pages, mail layout, digests);
/// the same table as swift-mustache's HTML content type, so code and templates escape alike.
public enum HTMLText {
    /// Escapes text for element content and double- or single-quoted attribute values alike, so a
    /// caller cannot pick the wrong variant.
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
