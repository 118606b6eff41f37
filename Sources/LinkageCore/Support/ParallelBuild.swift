import Dispatch

/// Runs independent pieces of work on all cores and collects their results in order.
package enum ParallelBuild {
  /// Calls `body(0)…body(count - 1)`, concurrently when `parallel`, and returns the results
  /// in index order.
  package static func run<T>(_ count: Int, parallel: Bool, _ body: (Int) -> T) -> [T] {
    guard parallel, count > 1 else { return (0..<count).map(body) }
    return withoutActuallyEscaping(body) { body in
      let box = ParallelSlots<T>(count: count)
      let work = UnsafeSendable(body)
      DispatchQueue.concurrentPerform(iterations: count) { k in
        box.set(k, work.value(k))
      }
      // concurrentPerform returns after every iteration ran, so every slot is set.
      guard let values = box.values() else { preconditionFailure("a parallel piece set no result") }
      return values
    }
  }

  private struct UnsafeSendable<V>: @unchecked Sendable {
    let value: V
    init(_ value: V) { self.value = value }
  }
}
