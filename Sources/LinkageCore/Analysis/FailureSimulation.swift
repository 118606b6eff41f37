import Dispatch

/// A Monte Carlo estimate of how often each target stays supplied when every node fails
/// independently with its `failure_probability` (0 when it has none).
///
/// Each trial draws the failures and recomputes supply by ``SupplyNetwork/suppliedNodes(failed:)``
/// under the network's semantics. Trials run in blocks of 64, block *b* drawing from its own
/// generator seeded by (`seed`, *b*), and the blocks are spread over all cores; results are
/// summed in block order, so a seed gives the same numbers on any machine and core count.
///
/// - Complexity: O(trials · (*V* + *E*)) time, O(cores · (*V* + *E*)) extra space.
package struct FailureSimulation: Sendable {
  package struct TargetOutcome: Sendable {
    package let target: NodeIndex
    /// Trials in which the target stayed supplied.
    package let supplied: Int
    /// The estimated probability, and its 95% Wilson score interval.
    package let probability: Double
    package let lower: Double
    package let upper: Double
  }

  package let trials: Int
  package let seed: UInt64
  /// Nodes that can fail (a positive `failure_probability`).
  package let fallibleNodes: Int
  package let outcomes: [TargetOutcome]
  /// The mean `value` lost per trial (targets weighted by `value`, 1 when absent), with a 95%
  /// normal interval.
  package let expectedValueLost: Double
  package let valueLostLower: Double
  package let valueLostUpper: Double

  static let block = 64

  /// Runs the simulation. `progress`, if given, is called with the number of trials done so
  /// far, from any thread, after each block.
  package init(
    network: SupplyNetwork, targets: [NodeIndex], trials: Int, seed: UInt64,
    progress: (@Sendable (Int) -> Void)? = nil
  ) {
    precondition(trials > 0, "simulate at least one trial")
    self.trials = trials
    self.seed = seed
    let graph = network.graph
    var fallible: [(node: Int, p: Double)] = []
    if let column = graph.nodeAttributes["failure_probability"] {
      for v in 0..<graph.nodeCount {
        if let p = column.number(at: v), p > 0 { fallible.append((v, p)) }
      }
    }
    fallibleNodes = fallible.count
    let valueColumn = graph.nodeAttributes["value"]
    let weights = targets.map { valueColumn?.number(at: Int($0)) ?? 1 }
    let blocks = (trials + Self.block - 1) / Self.block
    // Per block: supplied counts per target, and the sum and sum of squares of value lost.
    struct BlockResult {
      var supplied: [Int]
      var lost: Double
      var lostSquares: Double
    }
    let results = ParallelSlots<BlockResult>(count: blocks)
    let counter = ParallelSlots<Int>(count: 1)
    let fallibleList = fallible
    let run: @Sendable (Int) -> Void = { b in
      var rng = SeededRandom(seed: seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(b + 1))
      var scratch = PropagationScratch(network: network)
      var failed = [Bool](repeating: false, count: graph.nodeCount)
      var result = BlockResult(
        supplied: [Int](repeating: 0, count: targets.count), lost: 0, lostSquares: 0)
      let count = min(Self.block, trials - b * Self.block)
      for _ in 0..<count {
        for (v, p) in fallibleList { failed[v] = rng.unit() < p }
        let supplied = scratch.run(network, failed: failed)
        var lost = 0.0
        for (k, t) in targets.enumerated() {
          if supplied[Int(t)] { result.supplied[k] += 1 } else { lost += weights[k] }
        }
        result.lost += lost
        result.lostSquares += lost * lost
      }
      results.set(b, result)
      if let progress { progress(counter.add(count)) }
    }
    if blocks > 1 {
      DispatchQueue.concurrentPerform(iterations: blocks, execute: run)
    } else {
      run(0)
    }
    var supplied = [Int](repeating: 0, count: targets.count)
    var lost = 0.0
    var lostSquares = 0.0
    for b in 0..<blocks {
      let r = results.get(b)!
      for k in 0..<targets.count { supplied[k] += r.supplied[k] }
      lost += r.lost
      lostSquares += r.lostSquares
    }
    let n = Double(trials)
    outcomes = targets.enumerated().map { k, t in
      let (lo, hi) = Self.wilson(successes: supplied[k], trials: trials)
      return TargetOutcome(
        target: t, supplied: supplied[k], probability: Double(supplied[k]) / n, lower: lo, upper: hi
      )
    }
    let mean = lost / n
    let variance = trials > 1 ? max(0, (lostSquares - n * mean * mean) / (n - 1)) : 0
    let half = 1.959964 * (variance / n).squareRoot()
    expectedValueLost = mean
    valueLostLower = max(0, mean - half)
    valueLostUpper = mean + half
  }

  /// The 95% Wilson score interval for a binomial proportion.
  static func wilson(successes: Int, trials: Int) -> (Double, Double) {
    let n = Double(trials)
    let z = 1.959964
    let p = Double(successes) / n
    let denominator = 1 + z * z / n
    let center = (p + z * z / (2 * n)) / denominator
    let half = z * ((p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()) / denominator
    return (max(0, center - half), min(1, center + half))
  }
}
