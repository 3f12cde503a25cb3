import Bus
import Contract
import Foundation

@testable import WebService

/// `WebPeople` (the lead Vera, the agents Wim and Noor) with HR (Bram), Wim's plan,
/// a newcomer on probation (Lotte: hired by values, her onboarding checklist done)
/// and a candidate (Kees) whose hiring manager has a doubt.
struct PeopleOffice {
    let world: WebWorld
    let people: WebPeople
    let hr: String
    let team: String
    let newcomer: String
    let candidate: String

    init(_ world: WebWorld) async throws {
        self.world = world
        people = try await WebPeople(world)
        let client = world.client
        hr = try await client.call(
            Staff.createEmployee, .init(name: "Bram", email: "bram@example.com", role: .hr, status: .active)
        ).employee!.employee_id!
        _ = try await client.call(
            Staff.setPassword, .init(employee_id: hr, password: WebPeople.password),
            options: CallOptions(timeout: .seconds(60)))
        team = try await client.call(Staff.getEmployee, .init(employee_id: people.agent)).employee!.team_id!
        _ = try await client.call(
            Staff.updatePlan, .init(employee_id: people.agent, ambition: "Grow into Special Care"))
        _ = try await client.call(
            Staff.addGoal,
            .init(
                employee_id: people.agent, title: "Be more customer-centric",
                why: "Customers remember how we made them feel",
                measure: "personal NPS above 60"))

        newcomer = try await Self.candidate("Lotte", team: team, client)
        try await Self.evaluate(newcomer, by: people.lead, as: .hiringManager, .fit, client)
        try await Self.evaluate(newcomer, by: people.colleague, as: .employee, .fit, client)
        _ = try await client.call(
            Staff.hireCandidate,
            .init(candidate_id: newcomer, decided_by_id: people.lead, start_date: "2026-01-05", training_weeks: 5))
        let steps = try await client.call(Staff.getOnboarding, .init(employee_id: newcomer)).onboarding!.steps
        for step in steps {
            _ = try await client.call(
                Staff.completeOnboardingStep, .init(employee_id: newcomer, step_id: step.step_id, completed_by_id: hr))
        }
        candidate = try await Self.candidate("Kees", team: team, client)
        try await Self.evaluate(
            candidate, by: people.lead, as: .hiringManager, .doubt, note: "Talked only about himself", client)
    }

    private static func candidate(_ name: String, team: String, _ client: BusClient) async throws -> String {
        try await client.call(
            Staff.createEmployee,
            .init(name: name, email: "\(name.lowercased())@example.com", team_id: team, role: .serviceExpert)
        ).employee!.employee_id!
    }

    private static func evaluate(
        _ candidate: String, by evaluator: String, as role: Staff.EvaluatorRole, _ verdict: Staff.FitVerdict,
        note: String? = nil, _ client: BusClient
    ) async throws {
        _ = try await client.call(
            Staff.recordEvaluation,
            .init(
                candidate_id: candidate, evaluator_id: evaluator, evaluator_role: role,
                fits: [.init(value_id: "be-humble", verdict: verdict, note: note)]))
    }
}
