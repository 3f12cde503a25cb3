/// The id kinds of the platform, one tag per entity that services refer to.
public enum IDKind {
    /// Anyone on staff or applying, in-house or at a partner agency.
    public enum Employee: IDTag {
        /// "emp".
        public static var prefix: String { "emp" }
        /// "employee_id".
        public static var field: String { "employee_id" }
    }

    /// A team: service experts, Special Care, Social Media.
    public enum Team: IDTag {
        /// "team".
        public static var prefix: String { "team" }
        /// "team_id".
        public static var field: String { "team_id" }
    }

    /// A customer contact on any channel.
    public enum Ticket: IDTag {
        /// "tkt".
        public static var prefix: String { "tkt" }
        /// "ticket_id".
        public static var field: String { "ticket_id" }
    }

    /// A customer.
    public enum Customer: IDTag {
        /// "cus".
        public static var prefix: String { "cus" }
        /// "customer_id".
        public static var field: String { "customer_id" }
    }

    /// An answer to an NPS survey.
    public enum Response: IDTag {
        /// "rsp".
        public static var prefix: String { "rsp" }
        /// "response_id".
        public static var field: String { "response_id" }
    }

    /// A message on a ticket, from the customer or to them.
    public enum Message: IDTag {
        /// "msg".
        public static var prefix: String { "msg" }
        /// "message_id".
        public static var field: String { "message_id" }
    }

    /// An agent's note on a ticket ("the story behind the purchase").
    public enum Note: IDTag {
        /// "note".
        public static var prefix: String { "note" }
        /// "note_id".
        public static var field: String { "note_id" }
    }

    /// A goodwill gesture granted from an agent's budget.
    public enum Gesture: IDTag {
        /// "gst".
        public static var prefix: String { "gst" }
        /// "gesture_id".
        public static var field: String { "gesture_id" }
    }

    /// A customer compliment or peer compliment.
    public enum Compliment: IDTag {
        /// "cmp".
        public static var prefix: String { "cmp" }
        /// "compliment_id".
        public static var field: String { "compliment_id" }
    }

    /// A "WOW moment" story.
    public enum Story: IDTag {
        /// "sty".
        public static var prefix: String { "sty" }
        /// "story_id".
        public static var field: String { "story_id" }
    }
}

/// Names an employee.
public typealias EmployeeID = ID<IDKind.Employee>
/// Names a team.
public typealias TeamID = ID<IDKind.Team>
/// Names a ticket.
public typealias TicketID = ID<IDKind.Ticket>
/// Names a customer.
public typealias CustomerID = ID<IDKind.Customer>
/// Names a survey response.
public typealias ResponseID = ID<IDKind.Response>
/// Names a message on a ticket.
public typealias MessageID = ID<IDKind.Message>
/// Names a note on a ticket.
public typealias NoteID = ID<IDKind.Note>
/// Names a goodwill gesture.
public typealias GestureID = ID<IDKind.Gesture>
/// Names a compliment.
public typealias ComplimentID = ID<IDKind.Compliment>
/// Names a story.
public typealias StoryID = ID<IDKind.Story>
