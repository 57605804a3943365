import Hummingbird

/// The pages' one stylesheet and one script, written by hand (no CDN, no npm) and served
/// from this server only, as the Content-Security-Policy requires.
enum Assets {
    static func register(on router: Router<WebContext>) {
        router.get("assets/app.css") { _, _ in answer(css, type: "text/css; charset=utf-8") }
        router.get("assets/app.js") { _, _ in answer(script, type: "text/javascript; charset=utf-8") }
    }

    private static func answer(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
