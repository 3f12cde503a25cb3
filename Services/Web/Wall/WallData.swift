import Bus
import Contract
import Foundation

/// One page of the wall from feedback: consented compliments and WOW stories,
/// newest first, with the names of the people and teams they credit.
struct WallData: Sendable {
    static let complimentsPerPage: UInt32 = 20
    static let storiesPerPage: UInt32 = 10

    var compliments: [Feedback.Compliment] = []
    var stories: [Feedback.Story] = []
    var nextCompliments: String?
    var nextStories: String?
    var credits = WallCredits()

    /// - Throws: feedback's RPCError when it refuses or does not answer.
    static func fetch(_ query: WallQuery, client: any RPCClient, timeout: Duration) async throws -> WallData {
        let options = CallOptions(timeout: timeout)
        async let wall: Feedback.ListComplimentWallReply? =
            query.compliments == WallQuery.ended
            ? nil
            : client.call(
                Feedback.listComplimentWall,
                .init(page_size: complimentsPerPage, page_token: query.compliments), options: options)
        async let stories: Feedback.ListStoriesReply? =
            query.stories == WallQuery.ended
            ? nil
            : client.call(
                Feedback.listStories, .init(page_size: storiesPerPage, page_token: query.stories), options: options)
        var data = WallData()
        if let reply = try await wall {
            data.compliments = reply.compliments
            data.nextCompliments = nonEmpty(reply.next_page_token)
        }
        if let reply = try await stories {
            data.stories = reply.stories
            data.nextStories = nonEmpty(reply.next_page_token)
        }
        data.credits = await WallCredits.resolve(
            employees: data.compliments.compactMap(\.employee_id) + data.stories.flatMap(\.employee_ids)
                + data.stories.compactMap(\.shared_by_id),
            teams: data.compliments.compactMap(\.team_id) + data.stories.flatMap(\.team_ids),
            client: client, timeout: timeout)
        return data
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
