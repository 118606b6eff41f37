/// Interns strings to dense `Int32` codes in order of first insertion, hashing raw UTF-8 bytes.
///
/// Built for bulk loading: keys live in one contiguous byte buffer and lookups take bytes, so a
/// reader makes no `String` per edge. Node ids, kind labels, relation names and part labels
/// all go through it. Open addressing with linear probing over a power-of-two table kept at
/// most half full. A slot is two words: the key's first eight bytes, and a 24-bit hash tag with
/// the key's length and code; keys of up to eight bytes (most ids) are matched without touching
/// any other memory, which matters when millions of edges look up random ids.
package struct StringInterner: Sendable {
  private var bytes: [UInt8] = []
  private var starts: [Int] = [0]
  /// Two words per slot: `prefix`, then `tag << 40 | min(length, 255) << 32 | (code + 1)`;
  /// an empty slot has a zero second word.
  private var slots: [UInt64]
  private var mask: Int

  package init(capacity: Int = 16) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = HugePages.zeroedArray(count: size * 2)
    mask = size - 1
  }

  /// The key's first eight bytes as a word (zero-padded).
  @inline(__always)
  static func prefix(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    if key.count >= 8 {
      return UnsafeRawPointer(key.baseAddress!).loadUnaligned(as: UInt64.self)
    }
    var word: UInt64 = 0
    for i in 0..<key.count { word |= UInt64(key[i]) << (8 * UInt64(i)) }
    return word
  }

  @inline(__always)
  static func meta(hash h: UInt64, length: Int, code: Int) -> UInt64 {
    (h >> 40) << 40 | UInt64(min(length, 255)) << 32 | UInt64(code + 1)
  }

  /// The number of strings held.
  package var count: Int { starts.count - 1 }

  @inline(__always)
  static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    // FNV-1a over 8-byte words, then a final mix (splitmix64) for the low bits we index by.
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    var i = 0
    let n = key.count
    while i + 8 <= n {
      let w = UnsafeRawPointer(key.baseAddress!).loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = (h ^ w) &* 0x0000_0100_0000_01b3
      h ^= h >> 29
      i += 8
    }
    while i < n {
      h = (h ^ UInt64(key[i])) &* 0x0000_0100_0000_01b3
      i += 1
    }
    h ^= UInt64(n)
    h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
    h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
    return h ^ (h >> 31)
  }

  /// The string with code `code`.
  /// - Complexity: O(length of the string).
  package func string(at code: Int32) -> String {
    let s = starts[Int(code)]
    let e = starts[Int(code) + 1]
    return bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[s..<e]), as: UTF8.self)
    }
  }

  /// Every string, in code order.
  package var strings: [String] { (0..<count).map { string(at: Int32($0)) } }

  /// Finds `key`: its code, or the empty slot where it would go.
  @inline(__always)
  private func probe(_ key: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> (code: Int32?, slot: Int) {
    let wanted = Self.meta(hash: h, length: key.count, code: 0) & ~0xFFFF_FFFF
    let head = Self.prefix(key)
    return slots.withUnsafeBufferPointer { slots in
      var slot = Int(truncatingIfNeeded: h) & mask
      while true {
        let meta = slots[2 * slot + 1]
        if meta == 0 { return (nil, slot) }
        if meta & ~0xFFFF_FFFF == wanted && slots[2 * slot] == head {
          let code = Int(meta & 0xFFFF_FFFF) - 1
          if key.count <= 8 { return (Int32(code), slot) }
          let matches = bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
              let s = starts[code]
              let e = starts[code + 1]
              return e - s == key.count
                && memcmpEqual(bytes.baseAddress! + s + 8, key.baseAddress! + 8, key.count - 8)
            }
          }
          if matches { return (Int32(code), slot) }
        }
        slot = (slot + 1) & mask
      }
    }
  }

  /// The code of `key`, or `nil`.
  /// - Complexity: O(length of key) expected.
  @inline(__always)
  package func index(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
    probe(key, Self.hash(key)).code
  }

  /// The code of `id`, or `nil`.
  package func index(of id: String) -> Int32? {
    var copy = id
    return copy.withUTF8 { index(of: $0) }
  }

  /// Inserts `key` with the next code unless present.
  /// - Returns: The key's code, and whether it was inserted now.
  /// - Complexity: O(length of key) amortized expected.
  package mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Insertion {
    if count * 2 >= mask + 1 { grow() }
    let h = Self.hash(key)
    let (found, slot) = probe(key, h)
    if let found { return Insertion(index: found, inserted: false) }
    let code = Int32(count)
    bytes.append(contentsOf: key)
    starts.append(bytes.count)
    slots[2 * slot] = Self.prefix(key)
    slots[2 * slot + 1] = Self.meta(hash: h, length: key.count, code: Int(code))
    return Insertion(index: code, inserted: true)
  }

  package mutating func insert(_ id: String) -> Insertion {
    var copy = id
    return copy.withUTF8 { insert($0) }
  }

  package struct Insertion: Sendable {
    package let index: Int32
    package let inserted: Bool
  }

  private mutating func grow() {
    let size = (mask + 1) * 2
    var newSlots: [UInt64] = HugePages.zeroedArray(count: size * 2)
    let newMask = size - 1
    bytes.withUnsafeBufferPointer { buf in
      for i in 0..<count {
        let key = UnsafeBufferPointer(rebasing: buf[starts[i]..<starts[i + 1]])
        let h = Self.hash(key)
        var slot = Int(truncatingIfNeeded: h) & newMask
        while newSlots[2 * slot + 1] != 0 { slot = (slot + 1) & newMask }
        newSlots[2 * slot] = Self.prefix(key)
        newSlots[2 * slot + 1] = Self.meta(hash: h, length: key.count, code: i)
      }
    }
    slots = newSlots
    mask = newMask
  }
}

@inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
  var i = 0
  while i + 8 <= n {
    if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
      != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
    {
      return false
    }
    i += 8
  }
  while i < n {
    if a[i] != b[i] { return false }
    i += 1
  }
  return true
}
