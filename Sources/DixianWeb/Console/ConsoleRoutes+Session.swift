import DixianConsole
import DixianDirectory
import DixianLinks
import DixianStore
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// The signed-in person: their session and what they may see.
    struct Visitor: Sendable {
        var secret: SecretToken
        var session: ConsoleStore.Session
        var scope: AccessScope
        /// The person's name, from their first active directory row.
        var name: String
        /// The person's active directory rows.
        var officials: [Official]

        /// Whether the person may take the procedure's steps at a unit: they see it in every sector (a village,
        /// town or county row; a bureau or a helper alone does not).
        func mayAct(at unit: DivisionCode) -> Bool {
            scope.seesAllSectors(of: unit)
        }

        /// The directory row a step at `unit` is recorded under: one whose unit holds `unit`, else the first.
        func actor(at unit: DivisionCode) -> String {
            officials.first { unit.rawValue.hasPrefix($0.orgUnitCode.significantPrefix) && $0.roles != [AccessScope.helperRole] }?.id
                ?? officials[0].id
        }

        /// A row holding `role` at or above `unit`, the one an approval is recorded under; nil when none does.
        func holder(of role: String, at unit: DivisionCode) -> String? {
            officials.first { $0.roles.contains(role) && unit.rawValue.hasPrefix($0.orgUnitCode.significantPrefix) }?.id
        }
    }

    /// The request's live session, or nil (no cookie, a malformed one, or one the store does not know as live).
    func signedIn(_ request: Request) async throws -> (SecretToken, ConsoleStore.Session)? {
        guard let value = request.cookies[ConsoleResponse.sessionCookie]?.value, let secret = SecretToken(value) else { return nil }
        guard let session = try await store.session(secret, at: now(), policy: policy) else { return nil }
        return (secret, session)
    }

    /// The visitor of a request, with the scope of their active directory rows; nil when signed out or when no
    /// row of the session is active any more.
    func visitor(_ request: Request) async throws -> Visitor? {
        guard let (secret, session) = try await signedIn(request) else { return nil }
        let officials = try await store.officials(ids: session.officialIDs).filter(\.active)
        guard let first = officials.first else { return nil }
        let plugins = settings().plugins
        let scope = AccessScope(officials: officials) { roleID in
            plugins.role(id: roleID).flatMap { $0.pluginID == "governance" ? nil : $0.pluginID }
        }
        return Visitor(secret: secret, session: session, scope: scope, name: first.name, officials: officials)
    }

    /// The header of a signed-in page.
    func user(_ visitor: Visitor, current: String) -> ConsoleRenderer.User {
        var items = [ConsoleRenderer.NavItem(title: "我的工作", href: Self.workRoute.path)]
        if Self.topUnit(of: visitor.scope) != nil {
            items.append(.init(title: "总览", href: Self.overviewRoute.path))
            items.append(.init(title: "预警", href: Self.signalsRoute.path))
        }
        if Self.topUnit(of: visitor.scope) != nil || !visitor.scope.helperIDs.isEmpty {
            items.append(.init(title: "监测户", href: Self.casesRoute.path))
        }
        if !visitor.scope.unitPrefixes.isEmpty {
            items.append(.init(title: "整改台账", href: Self.ledgerRoute.path))
            items.append(.init(title: "报表", href: Self.reportsRoute.path))
        }
        items.append(.init(title: "插件", href: Self.pluginsRoute.path))
        if visitor.scope.isCountyOffice { items.append(.init(title: "发件箱", href: Self.outboxRoute.path)) }
        let nav = items.map { item in
            var item = item
            item.current = item.href == current
            return item
        }
        return ConsoleRenderer.User(name: visitor.name, csrf: visitor.session.csrfToken, nav: nav)
    }

    /// The fields of a form body (`application/x-www-form-urlencoded`, at most ``maximumBody`` bytes); nil when it
    /// is malformed, too large, or repeats a field.
    func formFields(_ request: Request) async throws -> [String: String]? {
        let body: ByteBuffer
        do throws(APIError) {
            body = try await RequestBodyReader.read(request, limit: Self.maximumBody)
        } catch {
            return nil
        }
        guard let pairs = FormURLEncoding.decode(body.readableBytesView) else { return nil }
        var fields: [String: String] = [:]
        for pair in pairs {
            guard fields.updateValue(pair.value, forKey: pair.name) == nil else { return nil }
        }
        return fields
    }

    func hasSessionCSRF(_ session: ConsoleStore.Session, _ fields: [String: String]) -> Bool {
        guard let submitted = fields["csrf"], let token = SecretToken(session.csrfToken) else { return false }
        return token.matches(submitted)
    }
}
