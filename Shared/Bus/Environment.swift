import Foundation

/// An environment variable, or `fallback` when it is unset or empty: the default of
/// every executable's flag that has an environment variable (`--bus` and
/// `GLIMLACH_BUS_ENDPOINT`, ...).
public func environmentValue(_ name: String, _ fallback: String) -> String {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return fallback }
    return value
}
