/// A compose service's `restart:` policy, as `glimlach up` applies it to a process
/// that exits while the stack runs.
public enum RestartPolicy: String, Sendable, Equatable {
    /// Never restart (compose's default).
    case no
    /// Restart whenever it exits.
    case always
    /// Restart when it exits with a status other than 0 or is killed by a signal.
    case onFailure = "on-failure"
    /// As `always`, until the stack is stopped (`glimlach up` stops everything at once).
    case unlessStopped = "unless-stopped"

    /// Reads `no`, `always`, `on-failure[:max-retries]` and `unless-stopped`.
    /// - Throws: `StackError` for any other value.
    init(compose value: Any?, service: String) throws {
        // YAML 1.1 reads a bare `no` as false.
        if value == nil || (value as? Bool) == false {
            self = .no
            return
        }
        let text = "\(value!)"
        guard let policy = RestartPolicy(rawValue: text.split(separator: ":").first.map(String.init) ?? text) else {
            throw StackError(
                "service \(service): restart must be no, always, on-failure or unless-stopped, not \(text)")
        }
        self = policy
    }

    /// Whether a process that ended so is started again.
    /// - Parameter failed: it exited with a status other than 0 or by a signal.
    public func restarts(failed: Bool) -> Bool {
        switch self {
        case .no: false
        case .always, .unlessStopped: true
        case .onFailure: failed
        }
    }
}
