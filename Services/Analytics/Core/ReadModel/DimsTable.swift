/// The combinations of attributes facts carry, each stored once: a fact holds the
/// 4-byte id of its combination instead of the 24-byte `Dims`. Combinations are few
/// (agents x channels x countries x categories seen together) next to facts, so the
/// table stays small while the facts shrink. Id 0 is "nothing known".
struct DimsTable {
    private var ids: [Dims: UInt32] = [Dims(): 0]
    private(set) var all: ContiguousArray<Dims> = [Dims()]

    /// The id of `dims`, assigned on first sight.
    mutating func id(_ dims: Dims) -> UInt32 {
        if let id = ids[dims] { return id }
        let id = UInt32(all.count)
        ids[dims] = id
        all.append(dims)
        return id
    }

    subscript(id: UInt32) -> Dims { all[Int(id)] }

    var count: Int { all.count }

    /// The table of `all` (as a snapshot stored it); nil when a combination repeats
    /// or the first is not the empty one.
    init?(all: ContiguousArray<Dims>) {
        guard all.first == Dims() else { return nil }
        self.all = all
        ids = Dictionary(minimumCapacity: all.count)
        for (index, dims) in all.enumerated() {
            guard ids.updateValue(UInt32(index), forKey: dims) == nil else { return nil }
        }
    }

    init() {}
}
