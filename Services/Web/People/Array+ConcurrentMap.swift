extension Array where Element: Sendable {
    /// `transform` of every element, run concurrently, in the array's order: one
    /// staff call per team or candidate without waiting for the one before.
    /// - Throws: the first error a transform throws.
    func concurrentMap<T: Sendable>(_ transform: @escaping @Sendable (Element) async throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            for (index, element) in enumerated() { group.addTask { (index, try await transform(element)) } }
            var results = [T?](repeating: nil, count: count)
            for try await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }
}
