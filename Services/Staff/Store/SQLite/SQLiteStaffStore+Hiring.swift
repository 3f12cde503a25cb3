import Bus
import Contract
import Domain
import Foundation
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    func recordEvaluation(_ request: Staff.RecordEvaluationRequest, key: String?) async throws -> Staff.Evaluation {
        try await write("RecordEvaluation", key: key) { change in
            let candidate = try Staff.Employee.fetch(
                try request.candidate_id.stored("candidate_id"), in: change.db, as: "candidate")
            _ = try Staff.Employee.fetch(
                try request.evaluator_id.stored("evaluator_id"), in: change.db, as: "evaluator")
            try HireRules.checkEvaluable(candidate)
            for (index, fit) in request.fits.enumerated() {
                try Staff.CoreValue.requireKnown(
                    try fit.value_id.stored("value_id"), in: change.db, field: "fits[\(index)].value_id")
            }
            let evaluation = Staff.Evaluation(
                evaluation_id: NewID.make("eval"), candidate_id: request.candidate_id,
                evaluator_id: request.evaluator_id, evaluator_role: request.evaluator_role, fits: request.fits,
                note: request.note, recorded_at_ms: change.nowMs)
            try change.db.execute(
                sql: "INSERT INTO evaluation (evaluation_id, candidate_id, recorded_at_ms, body) VALUES (?, ?, ?, ?)",
                arguments: [evaluation.evaluation_id, evaluation.candidate_id, change.nowMs, try evaluation.blob()])
            try change.record(
                "evaluation.recorded", subject: try request.candidate_id.stored("candidate_id"),
                Staff.EvaluationRecorded(evaluation: evaluation))
            return evaluation
        }
    }

    func evaluations(of candidateID: String) async throws -> [Staff.Evaluation] {
        try await readDB { db in
            _ = try Staff.Employee.fetch(candidateID, in: db, as: "candidate")
            return try Self.evaluations(of: candidateID, in: db)
        }
    }

    func hireDecision(for candidateID: String) async throws -> Staff.HireDecision {
        try await readDB { db in
            _ = try Staff.Employee.fetch(candidateID, in: db, as: "candidate")
            return HireRules.decision(for: candidateID, try Self.evaluations(of: candidateID, in: db))
        }
    }

    func hire(_ request: Staff.HireCandidateRequest, key: String?) async throws -> Staff.HireCandidateReply {
        let timeZone = timeZone
        return try await write("HireCandidate", key: key) { change in
            var candidate = try Staff.Employee.fetch(
                try request.candidate_id.stored("candidate_id"), in: change.db, as: "candidate")
            _ = try Staff.Employee.fetch(
                try request.decided_by_id.stored("decided_by_id"), in: change.db, as: "hiring manager")
            let id = try candidate.employee_id.stored("employee_id")
            let emailBlocked = try candidate.email.map { try Staff.Employee.rehireBlocked(email: $0, in: change.db) }
            let decision = HireRules.decision(for: id, try Self.evaluations(of: id, in: change.db))
            try HireRules.checkHirable(candidate, emailBlocked: emailBlocked == true, decision: decision)
            let start =
                try request.start_date.map { try LocalDate($0) } ?? LocalDate(containing: change.now, in: timeZone)
            let weeks = request.training_weeks ?? 5
            candidate.status = .onboarding
            candidate.start_date = start.description
            candidate.updated_at_ms = change.nowMs
            try candidate.save(in: change.db)
            try change.record(
                "candidate.hired", subject: id,
                Staff.CandidateHired(
                    employee_id: id, decided_by_id: request.decided_by_id, start_date: start.description,
                    training_weeks: weeks))
            try change.record(
                "employee.updated", subject: id, Staff.EmployeeUpdated(employee: candidate, previous_status: .candidate)
            )
            try change.db.execute(
                sql: "INSERT OR REPLACE INTO onboarding (employee_id, training_weeks) VALUES (?, ?)",
                arguments: [id, weeks])
            for step in OnboardingRules.defaultSteps(start: start, trainingWeeks: weeks) {
                try change.addStep(step, to: id)
            }
            return Staff.HireCandidateReply(
                employee: candidate, decision: decision, onboarding: try Self.onboarding(of: id, in: change.db))
        }
    }

    static func evaluations(of candidateID: String, in db: Database) throws -> [Staff.Evaluation] {
        try Data.fetchAll(
            db, sql: "SELECT body FROM evaluation WHERE candidate_id = ? ORDER BY recorded_at_ms, rowid",
            arguments: [candidateID]
        ).map { try Staff.Evaluation(blob: $0) }
    }
}
