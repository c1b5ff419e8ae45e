import Hummingbird

extension RouterMethods {
    /// Answers every other known method on `path` with 405 and `Allow` (HEAD is allowed wherever GET is,
    /// the router generating it), so a wrong method is told apart from a wrong path.
    func refuseOtherMethods(_ path: RouterPath, allowing allowed: [HTTPRequest.Method]) {
        let served = allowed.contains(.get) && !allowed.contains(.head) ? allowed + [.head] : allowed
        for method in RequestGuardMiddleware<Context>.knownMethods where !served.contains(method) {
            self.on(path, method: method) { _, _ -> Response in
                throw APIError.methodNotAllowed(allowed: served)
            }
        }
    }
}
