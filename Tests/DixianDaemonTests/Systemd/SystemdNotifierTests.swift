@testable import DixianDaemon
import DixianTestSupport
import Foundation
import Testing

@Suite("sd_notify protocol")
struct SystemdNotifierTests {
    @Test("without NOTIFY_SOCKET nothing is set up")
    func absent() {
        #expect(SystemdNotifier(environment: [:]) == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]) == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "relative/path"]) == nil)
    }

    @Test("messages arrive on a path socket, several states in one datagram")
    func pathSocket() throws {
        let path = NSTemporaryDirectory() + "notify-\(UUID().uuidString.prefix(8)).sock"
        let receiver = try NotifySocketReceiver(path: path)
        let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address]))
        #expect(notifier.notify(.ready, .status("运行中 (running)")))
        #expect(receiver.receive(timeout: .seconds(60)) == "READY=1\nSTATUS=运行中 (running)")
    }

    @Test("messages arrive on an abstract-namespace socket ('@')")
    func abstractSocket() throws {
        let receiver = try NotifySocketReceiver(path: "dixian-test-\(UUID().uuidString.prefix(8))", abstract: true)
        let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address]))
        #expect(notifier.notify(.stopping))
        #expect(receiver.receive(timeout: .seconds(60)) == "STOPPING=1")
    }

    @Test("RELOADING=1 carries MONOTONIC_USEC from CLOCK_MONOTONIC; STATUS stays on one line")
    func lines() {
        let before = SystemdNotifier.monotonicMicroseconds()
        guard case .reloading(let usec) = SystemdNotifier.State.reloadingNow else {
            Issue.record("reloadingNow is not .reloading")
            return
        }
        #expect(usec >= before)
        #expect(SystemdNotifier.State.reloading(monotonicMicroseconds: 12).line == "RELOADING=1\nMONOTONIC_USEC=12")
        #expect(SystemdNotifier.State.status("a\nb").line == "STATUS=a b")
        #expect(SystemdNotifier.State.watchdog.line == "WATCHDOG=1")
    }

    @Test("the watchdog pings at half of WATCHDOG_USEC, only for its own pid")
    func watchdogInterval() throws {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/run/x"])
        let watchdog = try #require(WatchdogService(notifier: notifier, environment: ["WATCHDOG_USEC": "30000000"]))
        #expect(watchdog.interval == .seconds(15))
        #expect(WatchdogService(notifier: notifier, environment: [:]) == nil)
        #expect(WatchdogService(notifier: nil, environment: ["WATCHDOG_USEC": "30000000"]) == nil)
        #expect(WatchdogService(notifier: notifier, environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"]) == nil)
    }
}
