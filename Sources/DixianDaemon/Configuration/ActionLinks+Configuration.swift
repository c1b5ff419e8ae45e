import DixianCore
import DixianLinks
import DixianStore
import Foundation

extension ActionLinks {
    /// The name of the generated key in `generated_secrets`.
    static let generatedSecretName = "action-links"

    /// Links per `configuration.links`; without `secret_file` the key shared by every replica through the database.
    public static func make(_ configuration: Configuration.Links, store: ScheduleStore) async throws -> ActionLinks {
        let secret: Data
        if let configured = configuration.secret {
            secret = Data(configured.value.utf8)
        } else {
            secret = Data(try await store.generatedSecret(named: generatedSecretName))
        }
        let seconds = configuration.timeToLive.components.seconds
        return ActionLinks(signer: try ActionLinkSigner(secrets: [secret]), baseURL: configuration.baseURL, timeToLive: TimeInterval(seconds))
    }
}
