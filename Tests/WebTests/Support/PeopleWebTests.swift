import Testing

/// The people pages' suites, one test at a time: each signs several people in,
/// and every sign-in is a bcrypt check at staff's real cost.
@Suite("People pages", .serialized)
struct PeopleWebTests {}
