import ArgumentParser
import Bus
import Contract
import Domain
import Foundation

/// `glimlach demo`: fills a running stack with a retailer's customer service and
/// prints what analytics makes of it.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill the running stack with generated customer service data and print an NPS and service report.",
        discussion: """
            Creates teams and agents (in-house in NL, a partner agency in BE), imports --history-weeks of \
            earlier tickets, survey answers and compliments the way a team moving from another tool would, \
            then plays tickets on every channel at realistic hours over the last --days: replies, goodwill \
            gestures, escalations and resolutions; \
            customers answer the surveys feedback sends, detractors get Special Care follow-ups, happy \
            customers' words become compliments and WOW stories. The same --seed makes the same data, and \
            running it again adds nothing twice.
            """)

    @OptionGroup var bus: BusOptions
    @Option(help: "Customer contacts to create.") var tickets = 300
    @Option(help: "Spread the contacts over this many days before now.") var days = 14
    @Option(help: "Weeks of imported history before those days.") var historyWeeks = 8
    @Option(help: "Seed for the generated data.") var seed: UInt64 = 2026
    @Option(help: "Calls in flight at once.") var concurrency = 8

    func validate() throws {
        guard tickets > 0 else { throw ValidationError("--tickets must be at least 1") }
        guard (1...90).contains(days) else { throw ValidationError("--days must be 1...90") }
        guard (0...52).contains(historyWeeks) else { throw ValidationError("--history-weeks must be 0...52") }
        guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        try await withClient(bus) { client in
            let demo = Demo(
                client: client, tickets: tickets, days: days, historyWeeks: historyWeeks, seed: seed,
                concurrency: concurrency)
            print(try await demo.run())
        }
    }
}

/// The demo's steps, shared by `glimlach demo` and `glimlach up --demo`.
struct Demo {
    let client: BusClient
    let tickets: Int
    let days: Int
    /// Weeks of imported history before the live days, at the same daily rate.
    let historyWeeks: Int
    let seed: UInt64
    let concurrency: Int

    /// Loads the data and returns the report.
    func run() async throws -> String {
        let now = Date()
        let staffing = try await DemoStaffing.load(client, progress: Progress("staff", total: DemoCast.agents.count))
        var random = SeededRandom(seed: seed)
        let contacts = (0..<tickets).map { DemoContact.draw($0, days: days, now: now, random: &random) }
        let historyDays = historyWeeks * 7
        // History runs up to a few days ago, so every recent day has answers too.
        let historyStart = now.addingTimeInterval(-Double(min(days, 4)) * 86_400)
        let earlier = (0..<(historyDays * tickets / days)).map {
            DemoContact.draw($0, days: historyDays, now: historyStart, random: &random)
        }
        let history = DemoHistory(
            client: client, staffing: staffing, now: now,
            followedUpBefore: historyStart.addingTimeInterval(-10 * 86_400))
        let imported = try await forEach(earlier, "history") { try await history.bring($0) }

        let desk = DemoTickets(client: client, staffing: staffing)
        let outcomes = try await forEach(contacts, "tickets") { try await desk.play($0) }.sorted {
            $0.contact.number < $1.contact.number
        }

        let waiting = try await desk.overrun(after: outcomes)

        let feedback = DemoFeedback(client: client, staffing: staffing)
        let answered = try await forEach(outcomes, "survey answers") { outcome in
            (outcome, try await feedback.answer(outcome))
        }
        let quotable = answered.compactMap { outcome, response in
            response.flatMap { id in outcome.contact.score ?? 0 >= 9 && outcome.contact.consent ? (outcome, id) : nil }
        }.sorted { $0.0.contact.number < $1.0.contact.number }
        _ = try await forEach(Array(quotable.prefix(40)), "compliments") {
            try await feedback.compliment($0.0, responseID: $0.1)
        }
        for outcome in quotable.prefix(3).map(\.0) { try await feedback.story(outcome) }
        let calledBack = try await feedback.callBack(everyOf: 3, by: staffing.employees["Iris van Dijk"])
        for number in 0..<6 {
            let from = DemoCast.agents[number % DemoCast.agents.count]
            let to = DemoCast.agents[(number * 5 + 3) % DemoCast.agents.count]
            if from.name != to.name { try await feedback.peerCompliment(from: from, to: to, number: number) }
        }

        let zone = DemoContact.zone
        let today = LocalDate(containing: now, in: zone)
        let window = try TimeWindow(
            from: today.adding(days: 1 - days).start(in: zone), to: today.adding(days: 1).start(in: zone),
            timeZone: zone)
        let report = DemoReport(client: client, window: window, historyDays: historyDays)
        try await report.waitForAnalytics()
        let answers = answered.filter { $0.1 != nil }.count
        let hint =
            answers == 0 && outcomes.contains { $0.contact.score != nil }
            ? "\nNo survey could be answered yet: feedback waits its survey delay (default 24 h) after a contact. "
                + "`glimlach up --demo` starts feedback with GLIMLACH_FEEDBACK_SURVEY_DELAY_MS=0.\n" : ""
        let granted = outcomes.filter { $0.gesture == .granted }.count
        let refused = outcomes.filter { $0.gesture == .refused }.count
        let approval = waiting ? " A gesture of \(DemoTickets.overrunAgent) waits for their lead on /team." : ""
        return """
            Imported \(imported.count) earlier contacts over \(historyWeeks) weeks \
            (\(imported.filter { $0.responseID != nil }.count) survey answers).
            Loaded \(tickets) contacts (\(outcomes.filter(\.contact.resolve).count) resolved), \(granted) gestures granted \
            and \(refused) refused over budget, \(answers) survey answers, \
            \(min(quotable.count, 40)) compliments; Special Care called back \(calledBack) detractors.\(approval)
            \(hint)
            \(try await report.render())
            """
    }

    /// Runs `body` for every item, `concurrency` at a time, with a progress bar.
    private func forEach<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ title: String, _ body: @escaping @Sendable (Item) async throws -> Result
    ) async throws -> [Result] {
        let progress = Progress(title, total: items.count)
        return try await withThrowingTaskGroup(of: Result.self) { group in
            var results: [Result] = []
            var next = 0
            while next < min(concurrency, items.count) {
                let item = items[next]
                group.addTask { try await body(item) }
                next += 1
            }
            while let result = try await group.next() {
                results.append(result)
                progress.advance()
                if next < items.count {
                    let item = items[next]
                    group.addTask { try await body(item) }
                    next += 1
                }
            }
            return results
        }
    }
}
