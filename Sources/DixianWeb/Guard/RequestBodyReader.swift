import Hummingbird
import NIOCore

/// Reads a request body within a route's own limit (请求体读取), deciding 413 before reading when the
/// `Content-Length` is already too large, and 400 for a body that ends before its announced length.
enum RequestBodyReader {
    static func read(_ request: Request, limit: Int) async throws(APIError) -> ByteBuffer {
        var declared: Int?
        if let text = request.headers[.contentLength] {
            guard let length = Int(text), length >= 0 else {
                throw APIError.badRequest("invalid_content_length", "Content-Length 无效 (invalid Content-Length)")
            }
            guard length <= limit else { throw APIError.tooLarge(limit: limit) }
            declared = length
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit)
        } catch {
            throw APIError.truncatedBody
        }
        if let declared, buffer.readableBytes != declared { throw APIError.truncatedBody }
        return buffer
    }
}
