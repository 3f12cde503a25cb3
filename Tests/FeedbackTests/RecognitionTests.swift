import Bus
import Contract
import Foundation
import Testing

@testable import FeedbackService

@Suite("Compliments and WOW stories", .serialized)
struct RecognitionTests {
    @Test("a response comment becomes a compliment to its agent; only consented ones reach the wall")
    func complimentsFromResponses() async throws {
        let harness = try await FeedbackHarness()
        let sam = try await harness.employee()
        var ids: [String] = []
        for (index, consent) in [true, false].enumerated() {
            let reply = try await harness.call(
                Feedback.submitResponse,
                Feedback.SubmitResponseRequest(
                    score: 10, comment: "Sam booked a hairdresser for me! (\(index))", consent_to_quote: consent,
                    attribution: .init(agent_id: sam, team_id: "team-care", channel: .phone, country: "NL"),
                    customer_id: "cus-\(index)"))
            ids.append(try #require(reply.response?.response_id))
        }
        let quoted = try await harness.call(
            Feedback.createCompliment,
            Feedback.CreateComplimentRequest(
                response_id: ids[0], customer_display_name: "Anna from Utrecht",
                value_ids: ["deliver-wow-through-service"]))
        let compliment = try #require(quoted.compliment)
        #expect(
            compliment.source == .response && compliment.employee_id == sam && compliment.team_id == "team-care")
        #expect(compliment.text == "Sam booked a hairdresser for me! (0)" && compliment.consent_to_show == true)
        // consent_to_quote false stays false, whatever the request says.
        let private_ = try await harness.call(
            Feedback.createCompliment, Feedback.CreateComplimentRequest(response_id: ids[1], consent_to_show: true))
        #expect(private_.compliment?.consent_to_show == false)
        let wall = try await harness.call(Feedback.listComplimentWall, Feedback.ListComplimentWallRequest())
        #expect(wall.compliments.map { $0.compliment_id } == [compliment.compliment_id])
        let event = try harness.events("compliment.created", as: Feedback.ComplimentCreated.self)
        #expect(event.count == 2 && event[0].value_ids == ["deliver-wow-through-service"])
        await harness.shutdown()
    }

    @Test("a detractor's answer cannot become a compliment")
    func notFromDetractors() async throws {
        let harness = try await FeedbackHarness()
        let sam = try await harness.employee()
        let answer = try await harness.call(
            Feedback.submitResponse,
            .init(
                score: 4, comment: "Sam was nice, but the parcel never came", consent_to_quote: true,
                attribution: .init(agent_id: sam, channel: .phone, country: "NL"), customer_id: "cus-1"))
        let refused = await harness.refusal(
            Feedback.createCompliment, .init(response_id: answer.response?.response_id))
        #expect(refused?.code == .invalidArgument && refused?.message.hasPrefix("response_id:") == true)
        #expect(try await harness.call(Feedback.listComplimentWall, .init()).compliments.isEmpty)
        #expect(try harness.events("compliment.created", as: Feedback.ComplimentCreated.self).isEmpty)
        await harness.shutdown()
    }

    @Test("unknown references are refused by name: a value that is no core value, an agent who is no employee")
    func references() async throws {
        let harness = try await FeedbackHarness()
        let sam = try await harness.employee()
        let value = await harness.refusal(
            Feedback.createCompliment,
            .init(employee_id: sam, text: "Thanks!", value_ids: ["be-humble", "be-awesome"], consent_to_show: true))
        #expect(value?.code == .invalidArgument && value?.message == "value_ids: 'be-awesome' is not a core value")
        let invited = await harness.refusal(
            Feedback.createInvitation,
            .init(
                attribution: .init(agent_id: "emp-ghost", channel: .chat, country: "NL"), customer_id: "cus-1",
                customer_name: "Anna", customer_handle: "anna@example.nl"))
        #expect(invited?.code == .invalidArgument && invited?.message.hasPrefix("attribution.agent_id:") == true)
        let answered = await harness.refusal(
            Feedback.submitResponse,
            .init(score: 9, attribution: .init(agent_id: "emp-ghost", country: "NL"), source: .inStore))
        #expect(answered?.code == .invalidArgument && answered?.message.hasPrefix("attribution.agent_id:") == true)
        #expect(try await harness.call(Feedback.listResponses, .init()).responses.isEmpty)
        // Known references pass.
        _ = try await harness.call(
            Feedback.createCompliment, .init(employee_id: sam, text: "Thanks!", value_ids: ["be-humble"]))
        _ = try await harness.call(
            Feedback.submitResponse, .init(score: 9, attribution: .init(agent_id: sam, country: "NL"), source: .inStore)
        )
        await harness.shutdown()
    }

    @Test("direct compliments: someone to thank and a text are required; the wall filters by employee, team and value")
    func directAndWall() async throws {
        let harness = try await FeedbackHarness()
        let nobody = await harness.refusal(
            Feedback.createCompliment, Feedback.CreateComplimentRequest(text: "Thanks!", consent_to_show: true))
        #expect(nobody?.code == .invalidArgument && nobody?.message.hasPrefix("employee_id") == true)
        let noText = await harness.refusal(
            Feedback.createCompliment, Feedback.CreateComplimentRequest(employee_id: "emp-sam", consent_to_show: true))
        #expect(noText?.code == .invalidArgument && noText?.message.hasPrefix("text") == true)
        let badValue = await harness.refusal(
            Feedback.createCompliment,
            Feedback.CreateComplimentRequest(employee_id: "emp-sam", text: "x", value_ids: ["Be Humble"]))
        #expect(badValue?.message.hasPrefix("value_ids") == true)
        let unknown = await harness.refusal(
            Feedback.createCompliment, Feedback.CreateComplimentRequest(response_id: "rsp-none"))
        #expect(unknown?.code == .notFound)
        let entries: [(String?, String?, [String])] = [
            ("emp-sam", nil, ["be-humble"]), (nil, "team-social", ["create-fun-and-a-little-weirdness"]),
            ("emp-lin", "team-social", ["be-humble", "deliver-wow-through-service"]),
        ]
        for (employee, team, values) in entries {
            _ = try await harness.call(
                Feedback.createCompliment,
                Feedback.CreateComplimentRequest(
                    employee_id: employee, team_id: team, text: "A letter of thanks", value_ids: values,
                    consent_to_show: true))
            harness.clock.advance(hours: 1)
        }
        _ = try await harness.call(
            Feedback.createCompliment,
            Feedback.CreateComplimentRequest(employee_id: "emp-sam", text: "private", consent_to_show: false))
        func wall(_ request: Feedback.ListComplimentWallRequest) async throws -> [String?] {
            try await harness.call(Feedback.listComplimentWall, request).compliments.map {
                $0.employee_id ?? $0.team_id
            }
        }
        #expect(try await wall(.init()) == ["emp-lin", "team-social", "emp-sam"])
        #expect(try await wall(.init(employee_id: "emp-sam")) == ["emp-sam"])
        #expect(try await wall(.init(team_id: "team-social")) == ["emp-lin", "team-social"])
        #expect(try await wall(.init(value_id: "be-humble")) == ["emp-lin", "emp-sam"])
        #expect(try await wall(.init(page_size: 1)).count == 1)
        await harness.shutdown()
    }

    @Test("stories: shared, reacted to once per colleague and kind, listed and searched")
    func stories() async throws {
        let harness = try await FeedbackHarness()
        let missing = await harness.refusal(
            Feedback.createStory,
            Feedback.CreateStoryRequest(title: " ", body: "b", employee_ids: ["emp-a"], shared_by_id: "emp-b"))
        #expect(missing?.code == .invalidArgument && missing?.message.hasPrefix("title") == true)
        let nobody = await harness.refusal(
            Feedback.createStory, Feedback.CreateStoryRequest(title: "t", body: "b", shared_by_id: "emp-b"))
        #expect(nobody?.message.hasPrefix("employee_ids") == true)
        let request = Feedback.CreateStoryRequest(
            title: "The hairdresser",
            body: "Wrong hair dye; Special Care booked a hairdresser and sent a care package.",
            employee_ids: ["emp-sam"], team_ids: ["team-care"], ticket_id: "tkt-9",
            value_ids: ["deliver-wow-through-service"], shared_by_id: "emp-lead")
        let hairdresser = try await harness.call(Feedback.createStory, request, key: "story-1")
        let story = try #require(hairdresser.story)
        #expect(try await harness.call(Feedback.createStory, request, key: "story-1") == hairdresser)
        harness.clock.advance(hours: 1)
        _ = try await harness.call(
            Feedback.createStory,
            Feedback.CreateStoryRequest(
                title: "Pizza", body: "A customer waited too long; we sent pizza.", employee_ids: ["emp-lin"],
                value_ids: ["create-fun-and-a-little-weirdness"], shared_by_id: "emp-lin"))
        for (employee, kind) in [
            ("emp-a", Feedback.ReactionKind.heart), ("emp-a", .heart), ("emp-b", .heart), ("emp-b", .wow),
        ] {
            _ = try await harness.call(
                Feedback.reactToStory,
                Feedback.ReactToStoryRequest(story_id: story.story_id, employee_id: employee, kind: kind))
        }
        var reacted = try await harness.call(Feedback.getStory, Feedback.GetStoryRequest(story_id: story.story_id))
            .story
        #expect(reacted?.reactions == [.init(kind: .heart, count: 2), .init(kind: .wow, count: 1)])
        #expect(
            try harness.events("story.reacted", as: Feedback.StoryReacted.self).count == 3, "the repeat records nothing"
        )
        reacted = try await harness.call(
            Feedback.reactToStory,
            Feedback.ReactToStoryRequest(story_id: story.story_id, employee_id: "emp-b", kind: .wow, remove: true)
        ).story
        #expect(reacted?.reactions == [.init(kind: .heart, count: 2)])
        let noKind = await harness.refusal(
            Feedback.reactToStory, Feedback.ReactToStoryRequest(story_id: story.story_id, employee_id: "emp-a"))
        #expect(noKind?.message.hasPrefix("kind") == true)
        let gone = await harness.refusal(
            Feedback.reactToStory, Feedback.ReactToStoryRequest(story_id: "sty-none", employee_id: "emp-a", kind: .wow))
        #expect(gone?.code == .notFound)
        func titles(_ request: Feedback.ListStoriesRequest) async throws -> [String?] {
            try await harness.call(Feedback.listStories, request).stories.map { $0.title }
        }
        #expect(try await titles(.init()) == ["Pizza", "The hairdresser"])
        #expect(try await titles(.init(text: "HAIR DYE")) == ["The hairdresser"])
        #expect(try await titles(.init(employee_id: "emp-lin")) == ["Pizza"])
        #expect(
            try await titles(.init(team_id: "team-care", value_id: "deliver-wow-through-service")) == [
                "The hairdresser"
            ])
        #expect(try harness.events("story.created", as: Feedback.StoryCreated.self).count == 2)
        await harness.shutdown()
    }
}
