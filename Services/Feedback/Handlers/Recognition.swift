import Bus
import Contract
import Domain
import ServiceKit

extension FeedbackHandlers {
    // CreateCompliment, ListComplimentWall, CreateStory, GetStory, ReactToStory, ListStories.
    func createCompliment(_ request: Feedback.CreateComplimentRequest, _ context: CallContext) async throws
        -> Feedback.CreateComplimentReply
    {
        let new = try NewCompliment(checking: request)
        try await staff.checkCoreValues(new.valueIDs, field: "value_ids")
        return try await store.write(method: "CreateCompliment", idempotencyKey: context.idempotencyKey) { tx in
            let response = try new.responseID.map { id in
                guard let response = try tx.response(id: id) else { throw RPCError.notFound("response", id) }
                return response
            }
            let compliment = try ComplimentRules.compliment(
                new, from: response, id: ComplimentID.random().rawValue, nowMs: tx.nowMs)
            try tx.insert(compliment)
            try tx.record(
                "compliment.created", subject: try compliment.compliment_id.stored("compliment_id"),
                Feedback.ComplimentCreated(
                    compliment_id: compliment.compliment_id, source: compliment.source,
                    response_id: compliment.response_id, employee_id: compliment.employee_id,
                    team_id: compliment.team_id, value_ids: compliment.value_ids,
                    consent_to_show: compliment.consent_to_show, channel: compliment.channel,
                    country: compliment.country, received_at_ms: compliment.received_at_ms))
            return Feedback.CreateComplimentReply(compliment: compliment)
        }
    }

    /// The wall names each customer by `QuoteName` (also on compliments stored before that rule).
    func listComplimentWall(_ request: Feedback.ListComplimentWallRequest, _ context: CallContext) async throws
        -> Feedback.ListComplimentWallReply
    {
        var reply = try await store.complimentWall(
            ComplimentFilter(request), page: try Page(size: request.page_size, token: request.page_token))
        for index in reply.compliments.indices {
            reply.compliments[index].customer_display_name = QuoteName.shown(
                reply.compliments[index].customer_display_name)
        }
        return reply
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
        return try await store.write(method: "CreateStory", idempotencyKey: context.idempotencyKey) { tx in
            var story = story
            story.story_id = StoryID.random().rawValue
            story.created_at_ms = tx.nowMs
            story.reactions = []
            try tx.insert(story)
            try tx.record(
                "story.created", subject: try story.story_id.stored("story_id"),
                Feedback.StoryCreated(
                    story_id: story.story_id, employee_ids: story.employee_ids, team_ids: story.team_ids,
                    ticket_id: story.ticket_id, value_ids: story.value_ids, shared_by_id: story.shared_by_id,
                    created_at_ms: story.created_at_ms))
            return Feedback.CreateStoryReply(story: story)
        }
    }

    func getStory(_ request: Feedback.GetStoryRequest, _ context: CallContext) async throws -> Feedback.GetStoryReply {
        let id = try Fields.required(request.story_id, "story_id")
        return Feedback.GetStoryReply(story: try await store.read { tx in try Self.story(id, in: tx) })
    }

    /// One reaction of each kind per colleague: reacting twice (or removing a
    /// reaction that is not there) changes nothing and records nothing.
    func reactToStory(_ request: Feedback.ReactToStoryRequest, _ context: CallContext) async throws
        -> Feedback.ReactToStoryReply
    {
        let storyID = try Fields.required(request.story_id, "story_id")
        let employeeID = try Fields.id(try Fields.required(request.employee_id, "employee_id"), "employee_id")
        let kind = try Fields.chosen(request.kind, "kind")
        let remove = request.remove ?? false
        return try await store.write(method: "ReactToStory", idempotencyKey: nil) { tx in
            _ = try Self.story(storyID, in: tx)
            if try tx.react(storyID: storyID, employeeID: employeeID, kind: kind, remove: remove) {
                try tx.record(
                    "story.reacted", subject: storyID,
                    Feedback.StoryReacted(story_id: storyID, employee_id: employeeID, kind: kind, removed: remove))
            }
            return Feedback.ReactToStoryReply(story: try Self.story(storyID, in: tx))
        }
    }

    func listStories(_ request: Feedback.ListStoriesRequest, _ context: CallContext) async throws
        -> Feedback.ListStoriesReply
    {
        try await store.stories(
            StoryFilter(request), page: try Page(size: request.page_size, token: request.page_token))
    }

    /// The story `id` with its reactions.
    /// - Throws: NOT_FOUND when there is none.
    static func story(_ id: String, in reading: any FeedbackReading) throws -> Feedback.Story {
        guard let story = try reading.story(id: id) else { throw RPCError.notFound("story", id) }
        return story
    }
}
