extension Sessions.Session {
    /// What a session of an employee's account holds as its user: this and the id.
    /// Names in the users file cannot contain a colon, so none looks like this.
    static let employeePrefix = "employee:"

    /// The signed-in employee's id, or nil for a user of the users file (an operator).
    var employeeID: String? {
        user.hasPrefix(Self.employeePrefix) ? String(user.dropFirst(Self.employeePrefix.count)) : nil
    }
}
