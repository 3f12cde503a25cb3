import Bus
import Contract
import Domain
import ServiceKit

extension FeedbackHandlers {
    // CreateCompliment, ListComplimentWall, CreateStory, GetStory, ReactToStory, ListStories.
    func createCompliment(_ request: Feedback.CreateComplimentRequest, _ context: CallContext) async throws
        -> Feedback.CreateComplimentReply
    {
        let checked = try Self.checked(request)
        try await staff.checkCoreValues(checked.value_ids, field: "value_ids")
        return Feedback.CreateComplimentReply(
            compliment: try await store.createCompliment(checked, idempotencyKey: context.idempotencyKey))
    }

    func listComplimentWall(_ request: Feedback.ListComplimentWallRequest, _ context: CallContext) async throws
        -> Feedback.ListComplimentWallReply
    {
        try await store.complimentWall(request, page: try Page(size: request.page_size, token: request.page_token))
    }

    func createStory(_ request: Feedback.CreateStoryRequest, _ context: CallContext) async throws
        -> Feedback.CreateStoryReply
    {
        let story = Feedback.Story(
            title: try Fields.text(request.title, "title", maxLength: 200),
            body: try Fields.text(request.body, "body", maxLength: 10_000),
            employee_ids: try Fields.ids(request.employee_ids, "employee_ids"),
            team_ids: try Fields.ids(request.team_ids, "team_ids"),
            ticket_id: try Fields.optionalID(request.ticket_id, "ticket_id"),
            value_ids: try Fields.slugs(request.value_ids, "value_ids"),
            shared_by_id: try Fields.id(try Fields.required(request.shared_by_id, "shared_by_id"), "shared_by_id"))
        guard !story.employee_ids.isEmpty || !story.team_ids.isEmpty else {
            throw RPCError.invalidArgument(field: "employee_ids", "name who made it happen (or team_ids)")
        }
        return Feedback.CreateStoryReply(
            story: try await store.createStory(story, idempotencyKey: context.idempotencyKey))
    }

    func getStory(_ request: Feedback.GetStoryRequest, _ context: CallContext) async throws -> Feedback.GetStoryReply {
        Feedback.GetStoryReply(story: try await store.story(id: try Fields.required(request.story_id, "story_id")))
    }

    func reactToStory(_ request: Feedback.ReactToStoryRequest, _ context: CallContext) async throws
        -> Feedback.ReactToStoryReply
    {
        let story = try await store.react(
            storyID: try Fields.required(request.story_id, "story_id"),
            employeeID: try Fields.id(try Fields.required(request.employee_id, "employee_id"), "employee_id"),
            kind: try Fields.chosen(request.kind, "kind"), remove: request.remove ?? false)
        return Feedback.ReactToStoryReply(story: story)
    }

    func listStories(_ request: Feedback.ListStoriesRequest, _ context: CallContext) async throws
        -> Feedback.ListStoriesReply
    {
        try await store.stories(request, page: try Page(size: request.page_size, token: request.page_token))
    }

    /// The compliment request with ids, slugs, text and country checked.
    static func checked(_ request: Feedback.CreateComplimentRequest) throws -> Feedback.CreateComplimentRequest {
        var checked = request
        checked.response_id = try Fields.optionalID(request.response_id, "response_id")
        checked.employee_id = try Fields.optionalID(request.employee_id, "employee_id")
        checked.team_id = try Fields.optionalID(request.team_id, "team_id")
        checked.created_by_id = try Fields.optionalID(request.created_by_id, "created_by_id")
        checked.text = try Fields.optionalText(request.text, "text", maxLength: 2000)
        checked.customer_display_name = try Fields.optionalText(
            request.customer_display_name, "customer_display_name", maxLength: 100)
        checked.value_ids = try Fields.slugs(request.value_ids, "value_ids")
        if let country = request.country, !country.isEmpty {
            do { _ = try Country(country) } catch { throw RPCError.invalidArgument(field: error.field, error.reason) }
        } else {
            checked.country = nil
        }
        return checked
    }
}
