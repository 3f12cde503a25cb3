import Testing

@testable import StaffService

@Suite("password hashing")
struct PasswordCostTests {
    @Test("staff hashes with bcrypt at cost 12 by default, verifies the password and refuses another")
    func defaultCost() async throws {
        let passwords = PasswordRules()
        let hash = await passwords.hash("correct horse battery staple")
        #expect(hash.hasPrefix("$2b$12$") || hash.hasPrefix("$2a$12$") || hash.hasPrefix("$2y$12$"), "\(hash)")
        #expect(await passwords.verify("correct horse battery staple", hash: hash))
        #expect(!(await passwords.verify("correct horse battery stapler", hash: hash)))
        #expect(!(await passwords.verify("correct horse battery staple", hash: nil)), "no account: the decoy")
    }
}
