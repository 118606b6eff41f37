/// Finds the existing ids closest to a mistyped one, for "did you mean" messages.
package enum IDSuggestions {
  /// Returns up to `limit` ids from `candidates` within a small edit distance of `id`,
  /// closest first, ties by id. Case differences count half as much as other edits, so
  /// `ASML` suggests `asml` first. Ids that start with `id` follow the close spellings.
  ///
  /// - Complexity: O(*n* · *k* · *d*) time for *n* candidates of length about *k* and a
  ///   distance bound *d* (at most 3); candidates whose length differs by more than *d* are
  ///   skipped in O(1).
  package static func closest(
    to id: String, in candidates: some Sequence<String>, limit: Int = 3
  ) -> [String] {
    let target = Array(id.unicodeScalars)
    let lowered = Array(id.lowercased().unicodeScalars)
    let bound = min(3, max(1, target.count / 3))
    let lowerID = id.lowercased()
    var found: [(distance: Double, id: String)] = []
    for candidate in candidates {
      let c = Array(candidate.unicodeScalars)
      let lowerCandidate = candidate.lowercased()
      // A candidate that starts with what was typed (`kseed` for `kseed-silicon`) is a
      // suggestion however much longer it is, after every close spelling.
      let extends = target.count >= 3 && lowerCandidate.hasPrefix(lowerID)
      guard abs(c.count - target.count) <= bound || extends else { continue }
      let d: Double
      if lowerCandidate == lowerID {
        d = 0.5
      } else if abs(c.count - target.count) <= bound,
        let e = distance(lowered, Array(lowerCandidate.unicodeScalars), bound: bound)
      {
        d = Double(e)
      } else if extends || (c.count >= 3 && lowerID.hasPrefix(lowerCandidate)) {
        d = Double(bound) + 0.5
      } else {
        continue
      }
      found.append((d, candidate))
    }
    found.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id < $1.id }
    return found.prefix(limit).map(\.id)
  }

  /// Levenshtein distance if at most `bound`, else `nil` (banded, early exit).
  static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], bound: Int) -> Int? {
    if a == b { return 0 }
    let n = a.count
    let m = b.count
    guard abs(n - m) <= bound else { return nil }
    var previous = Array(0...m)
    var current = [Int](repeating: 0, count: m + 1)
    for i in 1...max(n, 1) where n > 0 {
      current[0] = i
      var rowMin = current[0]
      for j in 1...max(m, 1) where m > 0 {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        rowMin = min(rowMin, current[j])
      }
      if rowMin > bound { return nil }
      swap(&previous, &current)
    }
    let d = n == 0 ? m : previous[m]
    return d <= bound ? d : nil
  }
}
