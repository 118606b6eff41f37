/// The one box for work spread over threads: a slot per piece of work that only its worker
/// writes, read by the caller once the work is done, and a running total for progress. Every
/// access takes the lock, so workers never race.
package final class ParallelSlots<T>: @unchecked Sendable {
  private var slots: [T?]
  private var total = 0
  private let lock = PosixLock()

  package init(count: Int) { slots = Array(repeating: nil, count: count) }

  /// Stores the result of piece `index`.
  package func set(_ index: Int, _ value: T) { lock.withLock { slots[index] = value } }

  /// The result of piece `index`, if it was set.
  package func get(_ index: Int) -> T? { lock.withLock { slots[index] } }

  /// Adds `amount` to the running total and returns the new total.
  package func add(_ amount: Int) -> Int {
    lock.withLock {
      total += amount
      return total
    }
  }

  /// Every result in index order, or nil when a piece did not set one.
  package func values() -> [T]? {
    lock.withLock {
      var out: [T] = []
      out.reserveCapacity(slots.count)
      for slot in slots {
        guard let value = slot else { return nil }
        out.append(value)
      }
      return out
    }
  }
}
