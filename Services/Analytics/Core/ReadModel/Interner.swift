/// Dictionary encoding of the read model's strings (countries, categories, employee,
/// team and employer ids, currencies, core values): facts hold 32-bit ids, so a
/// million facts stay compact and group keys hash as integers. Id 0 is "" (missing).
struct Interner {
    private var ids: [String: UInt32] = ["": 0]
    private(set) var names: [String] = [""]

    /// The id of `text`, assigned on first sight; nil and "" are 0.
    mutating func id(_ text: String?) -> UInt32 {
        guard let text, !text.isEmpty else { return 0 }
        if let id = ids[text] { return id }
        let id = UInt32(names.count)
        ids[text] = id
        names.append(text)
        return id
    }

    /// The id of `text` if it was ever seen.
    func existing(_ text: String) -> UInt32? { ids[text] }

    func name(_ id: UInt32) -> String { names[Int(id)] }
}
