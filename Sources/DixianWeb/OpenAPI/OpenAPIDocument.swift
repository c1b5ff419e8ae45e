import HTTPTypes
import Hummingbird

/// The JSON API's description, OpenAPI 3.1 (`openapi.json` beside this file, embedded in the binary), served at
/// `/api/v1/openapi.json` without a token: integrators and schemathesis read it first. `OpenAPITests` keeps it
/// true: every `/api/v1/` route is in it and nothing else, and schemathesis finds no answer that breaks it.
public enum OpenAPIDocument {
    static let route = HTTPRoute("/api/v1/openapi.json", [.get])

    /// The document's bytes.
    public static var bytes: [UInt8] { PackageResources.openapi_json }

    static func response() -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
