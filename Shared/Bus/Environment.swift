import Foundation

/// An environment variable, or `fallback` when it is unset or empty: the default of
/// every executable's flag that has an environment variable (`--bus` and
/// `GLIMLACH_BUS_ENDPOINT`, ...).
/// The endpoints in a comma-separated list (`tcp://a:5555,tcp://b:5555`): a process
/// given several brokers connects to each (see docs/operating.md, "A second broker").
public func endpointList(_ value: String) -> [String] {
    value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

public func environmentValue(_ name: String, _ fallback: String) -> String {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return fallback }
    return value
}
