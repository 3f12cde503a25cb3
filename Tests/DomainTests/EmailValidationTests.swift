import Testing

@testable import Domain

@Suite("e-mail addresses")
struct EmailValidationTests {
    @Test(
        "a plausible address passes",
        arguments: ["anna@example.nl", "anna.de.vries+orders@mail.example.co.uk", "a@b.c"])
    func accepted(_ address: String) throws {
        try Validation.email(address, field: "email")
    }

    @Test(
        "anything else is refused naming the field",
        arguments: [
            "anna", "@example.nl", "anna@", "anna@nl", "anna@.example.nl", "anna@example.nl.", "anna@example..nl",
            "anna de vries@example.nl", "<anna@example.nl>", "anna@example.nl;bob@example.nl", "a@b@example.nl",
        ])
    func refused(_ address: String) {
        #expect(throws: DomainError.self) { try Validation.email(address, field: "email") }
        #expect((try? Validation.email(address, field: "email")) == nil)
    }
}
