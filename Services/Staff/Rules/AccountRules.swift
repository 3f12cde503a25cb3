import Contract

/// Whether an account lets its employee in.
enum AccountRules {
    /// The account of `employee`: active while it is not deactivated and its
    /// employee is neither a candidate nor gone.
    static func account(of employee: Staff.Employee, credential: StoredCredential?) -> Staff.Account {
        let gone = employee.status == .left || employee.status == .candidate
        return Staff.Account(
            employee_id: employee.employee_id, email: employee.email, name: employee.name, role: employee.role,
            team_id: employee.team_id, active: credential?.deactivated != true && !gone,
            has_password: credential?.passwordHash != nil)
    }
}
