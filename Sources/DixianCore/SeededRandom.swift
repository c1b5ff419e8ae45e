/// A small seeded random generator (SplitMix64): the same seed gives the same sequence on every
/// platform and Swift version, unlike `SystemRandomNumberGenerator`. Used by the demo county and by
/// every property and fuzz test, so a failure reproduces from its seed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        self.state = seed
    }

    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound`, without relying on the standard library's unspecified algorithm
    /// (`Int.random(in:using:)` may change between releases and would change the demo files).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(self.next() % UInt64(bound))
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[self.below(items.count)]
    }
}
