import Dispatch

/// Runs independent pieces of work on all cores and collects their results in order.
enum ParallelBuild {
  /// Calls `body(0)…body(count - 1)`, concurrently when `parallel`, and returns the results
  /// in index order.
  static func run<T>(_ count: Int, parallel: Bool, _ body: (Int) -> T) -> [T] {
    guard parallel, count > 1 else { return (0..<count).map(body) }
    return withoutActuallyEscaping(body) { body in
      let box = ResultBox<T>(count: count)
      let work = UnsafeSendable(body)
      DispatchQueue.concurrentPerform(iterations: count) { k in
        box.set(k, work.value(k))
      }
      return box.values()
    }
  }

  private struct UnsafeSendable<V>: @unchecked Sendable {
    let value: V
    init(_ value: V) { self.value = value }
  }

  private final class ResultBox<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = PosixLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ value: T) { lock.withLock { slots[k] = value } }
    func values() -> [T] { lock.withLock { slots.map { $0! } } }
  }
}
