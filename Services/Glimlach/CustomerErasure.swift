import Bus
import Contract
import Foundation

/// Erasing one customer: tickets at once, then waiting for feedback and channels,
/// which erase theirs when they apply tickets' `customer.erased`.
struct CustomerErasure {
    let customerID: String
    let client: any RPCClient
    let timeout: Duration

    private var options: CallOptions { CallOptions(timeout: timeout) }

    /// Erases in tickets; returns the customer's tickets.
    func eraseTickets(reason: String) async throws -> [String] {
        try await Tickets.Client(client).eraseCustomer(
            Tickets.EraseCustomerRequest(customer_id: customerID, reason: reason), options: options
        ).ticket_ids
    }

    /// Polls until feedback and channels have erased theirs, or `seconds` pass;
    /// returns whether each has.
    func waitForOthers(tickets: [String], seconds: Double) async throws -> [(service: String, erased: Bool)] {
        let until = Date().addingTimeInterval(seconds)
        while true {
            let feedback = try await feedbackErased()
            let channels = try await channelsErased(tickets)
            if (feedback && channels) || Date() >= until {
                return [(Feedback.service, feedback), (Channels.service, channels)]
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    private func feedbackErased() async throws -> Bool {
        try await Feedback.Client(client).exportCustomer(
            Feedback.ExportCustomerRequest(customer_id: customerID), options: options
        ).erased_at_ms != nil
    }

    private func channelsErased(_ tickets: [String]) async throws -> Bool {
        let left = try await CustomerExport.channels(tickets, client: client, options: options)
        return left.conversations.isEmpty && left.attachments.isEmpty
            && left.deliveries.allSatisfy { $0.recipient == nil }
    }
}
