import HeapModule

/// The one priority queue of every Dijkstra-style search: (key, tiebreak, id), smaller key
/// first, then smaller tiebreak, then smaller id, so equal-cost orders are deterministic.
/// Backed by swift-collections' `Heap`.
struct KeyedHeap: Sendable {
  struct Entry: Comparable, Sendable {
    let key: Double
    let tie: Double
    let id: Int32

    static func < (a: Entry, b: Entry) -> Bool {
      if a.key != b.key { return a.key < b.key }
      if a.tie != b.tie { return a.tie < b.tie }
      return a.id < b.id
    }
  }

  private var heap = Heap<Entry>()

  /// The smallest key queued, if any.
  var minimumKey: Double? { heap.min?.key }

  /// - Complexity: O(log *n*).
  mutating func push(_ key: Double, _ tie: Double, _ id: Int32) {
    heap.insert(Entry(key: key, tie: tie, id: id))
  }

  /// Removes and returns the smallest entry.
  /// - Complexity: O(log *n*).
  mutating func pop() -> (Double, Double, Int32)? {
    heap.popMin().map { ($0.key, $0.tie, $0.id) }
  }
}
