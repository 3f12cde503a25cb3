import Contract

// Typed appliers for feedback's events (the benchmark feeds them directly).
extension ReadModelState {
    package mutating func apply(_ response: Feedback.ResponseSubmitted, at occurredAtMs: Int64) {
        guard let score = response.score, (0...10).contains(score) else { return }
        responses.append(
            ResponseFact(
                atMs: response.answered_at_ms ?? occurredAtMs, dims: dims(response.attribution), score: Int8(score)))
    }

    mutating func apply(_ requested: Feedback.FollowUpRequested, at occurredAtMs: Int64) {
        guard let id = requested.response_id, followUpIndex[id] == nil else { return }
        let fact = FollowUpFact(atMs: requested.requested_at_ms ?? occurredAtMs, dims: dims(requested.attribution))
        followUpIndex[id] = followUps.append(fact)
    }

    mutating func apply(_ opened: Feedback.FollowUpOpened, at occurredAtMs: Int64) {
        guard let id = opened.response_id else { return }
        let index = followUp(id, requestedAtMs: opened.requested_at_ms ?? occurredAtMs, opened.attribution)
        followUps.update(index) { $0.openedAtMs = opened.opened_at_ms ?? occurredAtMs }
    }

    mutating func apply(_ closed: Feedback.FollowUpClosed, at occurredAtMs: Int64) {
        guard let id = closed.response_id else { return }
        let index = followUp(id, requestedAtMs: closed.opened_at_ms ?? occurredAtMs, closed.attribution)
        followUps.update(index) {
            if $0.openedAtMs < 0 { $0.openedAtMs = closed.opened_at_ms ?? occurredAtMs }
            $0.closedAtMs = closed.closed_at_ms ?? occurredAtMs
        }
    }

    /// A follow-up tickets refused for good: no longer open, and counted apart.
    mutating func apply(_ failed: Feedback.FollowUpFailed, at occurredAtMs: Int64) {
        guard let id = failed.response_id else { return }
        let index = followUp(id, requestedAtMs: failed.requested_at_ms ?? occurredAtMs, failed.attribution)
        followUps.update(index) { $0.failedAtMs = failed.failed_at_ms ?? occurredAtMs }
    }

    package mutating func apply(_ compliment: Feedback.ComplimentCreated, at occurredAtMs: Int64) {
        let dims = dims(
            country: compliment.country, channel: compliment.channel, employee: compliment.employee_id,
            team: compliment.team_id)
        compliments.append(
            ComplimentFact(
                atMs: compliment.received_at_ms ?? occurredAtMs, dims: dims,
                values: compliment.value_ids.map { strings.id($0) }, withConsent: compliment.consent_to_show ?? false,
                fromPeer: false))
    }

    /// The follow-up for `responseID`, created when its request was not seen.
    private mutating func followUp(_ responseID: String, requestedAtMs: Int64, _ attribution: Feedback.Attribution?)
        -> FactHandle
    {
        if let handle = followUpIndex[responseID] { return handle }
        let handle = followUps.append(FollowUpFact(atMs: requestedAtMs, dims: dims(attribution)))
        followUpIndex[responseID] = handle
        return handle
    }

    mutating func dims(_ attribution: Feedback.Attribution?) -> Dims {
        dims(
            country: attribution?.country, category: attribution?.product_category, channel: attribution?.channel,
            employee: attribution?.agent_id, team: attribution?.team_id, employer: attribution?.employer_id)
    }
}
