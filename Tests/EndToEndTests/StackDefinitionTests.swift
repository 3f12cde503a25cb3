import Foundation
import Stack
import Testing

@Suite("compose file as native processes")
struct StackDefinitionTests {
    let definition: StackDefinition

    init() throws {
        definition = try StackDefinition(contentsOf: ComposeHarness.composeFile)
    }

    @Test("every service starts after what it depends on: bus first, the web front after feedback and analytics")
    func startOrder() {
        let names = definition.services.map(\.name)
        #expect(names.first == "bus" && names.suffix(2).contains("web"))
        #expect(names.contains("webhooks"))
        for service in definition.services {
            for dependency in service.dependsOn {
                #expect(
                    names.firstIndex(of: dependency)! < names.firstIndex(of: service.name)!,
                    "\(service.name) after \(dependency)")
            }
        }
    }

    @Test("--standby adds a second broker on ports moved by 10 and gives every other process both brokers")
    func standbyBroker() throws {
        let native = definition.native(dataDirectory: URL(fileURLWithPath: "/tmp/d"), metricsBasePort: 9300)
            .withStandbyBroker()
        #expect(native.prefix(2).map(\.name) == ["bus", "bus-standby"])
        let standby = native[1]
        #expect(standby.service == "bus" && standby.executable == "bus")
        #expect(standby.environment["GLIMLACH_BUS_ENDPOINT"] == "tcp://127.0.0.1:5565")
        #expect(standby.environment["GLIMLACH_EVENTS_OUT"] == "tcp://127.0.0.1:5567")
        let metrics = native.compactMap { $0.environment["GLIMLACH_METRICS_ENDPOINT"] }
        #expect(Set(metrics).count == native.count, "every process its own metrics port")
        for service in native.dropFirst(2) {
            #expect(service.environment["GLIMLACH_BUS_ENDPOINT"] == "tcp://127.0.0.1:5555,tcp://127.0.0.1:5565")
            if let eventsIn = service.environment["GLIMLACH_EVENTS_IN"] {
                #expect(eventsIn == "tcp://127.0.0.1:5556,tcp://127.0.0.1:5566", "\(service.name)")
            }
        }
    }

    @Test("hosts become loopback, ports move, volumes become folders, replicas get names and own metrics ports")
    func nativeMapping() throws {
        let data = URL(fileURLWithPath: "/tmp/glimlach-data")
        let native = definition.native(
            dataDirectory: data, ports: [5555: 7555], replicas: ["analytics": 2], metricsBasePort: 9300)
        let tickets = try #require(native.first { $0.name == "tickets" })
        #expect(tickets.executable == "tickets")
        #expect(tickets.environment["GLIMLACH_BUS_ENDPOINT"] == "tcp://127.0.0.1:7555")
        #expect(tickets.environment["GLIMLACH_EVENTS_IN"] == "tcp://127.0.0.1:5556")
        #expect(tickets.environment["GLIMLACH_DATA_DIR"] == "/tmp/glimlach-data/tickets-data")
        #expect(native.filter { $0.service == "analytics" }.map(\.name) == ["analytics-1", "analytics-2"])
        let metrics = native.compactMap { $0.environment["GLIMLACH_METRICS_ENDPOINT"] }
        #expect(metrics.count == native.count && Set(metrics).count == native.count)
        #expect(metrics.first == "tcp://127.0.0.1:9300")
        let quiet = definition.native(dataDirectory: data)
        #expect(quiet.allSatisfy { $0.environment["GLIMLACH_METRICS_ENDPOINT"] == nil })
    }

    @Test(
        "glimlach up binds every endpoint, metrics port and the web front to loopback only (a plain bus trusts its host)"
    )
    func nativeIsLoopbackOnly() throws {
        let native = definition.native(dataDirectory: URL(fileURLWithPath: "/tmp/glimlach-data"), metricsBasePort: 9300)
        let addresses = native.flatMap { service in
            service.environment.filter { $0.value.hasPrefix("tcp://") || $0.key.hasSuffix("_HOST") }.map {
                "\($0.value)"
            }
        }
        #expect(addresses.count >= native.count * 2)
        let exposed = addresses.filter { !$0.hasPrefix("tcp://127.0.0.1:") && $0 != "127.0.0.1" }
        #expect(exposed.isEmpty, "bound beyond loopback: \(exposed)")
    }

    @Test("a compose file without services or commands is refused with the reason")
    func malformed() {
        #expect(throws: StackError.self) { try StackDefinition(yaml: "name: x\n") }
        #expect(throws: StackError.self) { try StackDefinition(yaml: "services:\n  bus:\n    image: x\n") }
    }
}
