/// New ids: a kind prefix and 16 random hex digits, like `Domain.ID.random()`.
enum NewID {
    static func make(_ prefix: String) -> String {
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return prefix + "-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
