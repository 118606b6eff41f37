import LinkageCore
import LinkageTestSupport
import Testing

@Suite("String interner")
struct InternerTests {
  @Test("codes agree with a dictionary on random keys", arguments: 0..<20)
  func randomKeys(seed: Int) {
    var rng = SeededRandom(seed: UInt64(seed))
    var interner = StringInterner()
    var oracle: [String: Int32] = [:]
    for _ in 0..<2000 {
      // Short keys collide often; include empty, non-ASCII and long keys.
      let length = rng.below(4) == 0 ? rng.below(40) : rng.below(4)
      let alphabet = Array("ab가나é🙂")
      let key = String((0..<length).map { _ in alphabet[rng.below(alphabet.count)] })
      let insertion = interner.insert(key)
      if let code = oracle[key] {
        #expect(!insertion.inserted)
        #expect(insertion.index == code)
      } else {
        #expect(insertion.inserted)
        #expect(insertion.index == Int32(oracle.count))
        oracle[key] = insertion.index
      }
    }
    for (key, code) in oracle {
      #expect(interner.index(of: key) == code)
      #expect(interner.string(at: code) == key)
    }
    #expect(interner.index(of: "absent-key-\(seed)") == nil)
    #expect(interner.count == oracle.count)
  }
}
