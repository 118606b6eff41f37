/// A fast, seedable random number generator (xoshiro256**, seeded through SplitMix64), so
/// generated graphs, random tests and simulations are reproducible from one integer.
package struct SeededRandom: RandomNumberGenerator, Sendable {
  private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

  package init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  @inline(__always)
  package mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 45 | s3 >> 19
    return result
  }

  /// A uniform integer in `0..<bound` (Lemire's multiply-shift; the tiny bias is irrelevant
  /// for generation and simulation).
  @inline(__always)
  package mutating func below(_ bound: Int) -> Int {
    Int(truncatingIfNeeded: (UInt128(next()) * UInt128(UInt64(bound))) >> 64)
  }

  /// A uniform double in [0, 1).
  @inline(__always)
  package mutating func unit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }
}
