import Domain

/// The facts behind generated events as plain rows, for the tests' own
/// straightforward recomputation of every figure.
struct RawWorld {
    struct Employee {
        var id: String
        var name: String
        var team: String
        var employer: String
    }

    struct Response {
        var at: Int64
        var score: Int
        var agent: String
        var team: String
        var employer: String
        var channel: Channel?
        var country: String
        var category: String
    }

    struct Ticket {
        var id: String
        var created: Int64
        var channel: Channel
        var country: String
        var category: String
        /// Team and agent the first-response figures count the ticket under.
        var team: String
        var agent: String
        var responseMs: Int64?
        var withinTarget = false
        var breached = false
        /// Resolutions in order; the last one counts unless `reopenedAfterLast`.
        var resolutions: [(at: Int64, firstContact: Bool, team: String)] = []
        var reopenedAfterLast = false
        var finalResolvedAt: Int64? { reopenedAfterLast ? nil : resolutions.last?.at }
    }

    struct Escalation {
        var at: Int64
        var ticket: Int
        var team: String
        var trigger: Int32
    }

    struct Gesture {
        var at: Int64
        var ticket: Int
        var agent: String
        var team: String
        var employer: String
        var kind: Int32
        var currency: String
        var amount: Int64
        var granted: Bool
        var approved: Bool
    }

    struct FollowUp {
        var requested: Int64
        var response: Response
        var opened: Int64?
        var closed: Int64?
    }

    struct Compliment {
        var at: Int64
        var employee: String
        var team: String
        var values: [String]
        var consent: Bool
        var peer: Bool
        var channel: Channel?
        var country: String
    }

    var employees: [Employee] = []
    var teams: [String: String] = [:]
    var responses: [Response] = []
    var tickets: [Ticket] = []
    var escalations: [Escalation] = []
    var gestures: [Gesture] = []
    var followUps: [FollowUp] = []
    var compliments: [Compliment] = []
    var pulses: [(team: String, period: String, score: Int)] = []

    func employee(_ id: String) -> Employee? { employees.first { $0.id == id } }
}
