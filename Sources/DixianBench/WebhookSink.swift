import DixianDaemon
import Foundation
import HTTPTypes
import Logging
import Hummingbird
import NIOConcurrencyHelpers

/// A loopback webhook receiver for `dixian bench notify` (测速接收端): answers 204 to every POST and
/// records when each `webhook-id` arrived. It verifies nothing, so the figures measure dixian.
final class WebhookSink: Sendable {
    private struct State {
        var arrivals: [String: Date] = [:]
        var requests = 0
        var port: Int?
    }

    private let state = NIOLockedValueBox(State())

    /// Serves on 127.0.0.1 on a free port until the task is cancelled; `onReady` gets the port.
    func run(onReady: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            let id = request.headers[HTTPField.Name("webhook-id")!] ?? ""
            let now = Date()
            self.state.withLockedValue { state in
                state.requests += 1
                if state.arrivals[id] == nil { state.arrivals[id] = now }
            }
            return .noContent
        }
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "dixian-bench"),
            onServerRunning: { channel in onReady(channel.localAddress?.port ?? 0) }, logger: Self.quietLogger)
        try await application.runService(gracefulShutdownSignals: [])
    }

    /// Cancelling the server at the end is not an error worth printing.
    private static var quietLogger: Logger {
        var logger = Logger(label: "dixian.bench.sink")
        logger.logLevel = .critical
        return logger
    }

    /// When `id` first arrived, if it did.
    func arrival(of id: String) -> Date? {
        state.withLockedValue { $0.arrivals[id] }
    }

    /// Requests received so far, repeats included.
    var requests: Int {
        state.withLockedValue { $0.requests }
    }
}
