import Domain

extension SeededRandom {
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func ms(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &self) }
}
