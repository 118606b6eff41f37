import Dispatch

//===----------------------------------------------------------------------===//
// reachCounts(to:)
//===----------------------------------------------------------------------===//

/// How many of a set of targets each node reaches, exactly or as an estimate.
package struct ReachCounts: Sendable {
  /// The count per node (exact, or the estimate rounded to the nearest whole number).
  package let counts: [Int32]
  /// Whether the counts are estimates.
  package let estimated: Bool
  /// For estimates: the half-width of a 95% interval for a node that reaches *c* of the *T*
  /// targets is `errorFactor · sqrt(c · (T − c) / T)` (0 when exact).
  package let errorFactor: Double
  /// Targets sampled when estimated (all of them when exact).
  package let sampled: Int

  /// The 95% half-width for a count (0 for exact counts).
  package func margin(for count: Int32, total: Int) -> Double {
    guard estimated, total > 0 else { return 0 }
    let c = Double(count)
    let t = Double(total)
    return errorFactor * (max(0, c * (t - c) / t)).squareRoot()
  }
}

extension CompressedAdjacency {
  static let batchWords = 8
  static let batchSize = 64 * batchWords

  /// Returns how many of `targets` each node reaches over this (outgoing) adjacency, itself
  /// included when it is a target.
  ///
  /// Exact: the strongly connected components are condensed, then the targets go in batches
  /// of 512 as bit vectors propagated in reverse topological order of the components (each
  /// component ORs its successors' vectors) and counted with popcount; batches are spread over
  /// all cores. When that would take more than `workLimit` word operations (`batches × (V + E)`
  /// × 8), a uniform sample of `sampleSize` targets is propagated instead and the counts are
  /// scaled up — unbiased, with the 95% half-width given by ``ReachCounts/margin(for:total:)``
  /// (the hypergeometric standard error of a sample drawn without replacement).
  ///
  /// - Complexity: O(⌈*T*/512⌉ · (*V* + *E*)) time for *T* targets (or the sample's size), and
  ///   O(*V* + *E*) extra space.
  package func reachCounts(
    to targets: [NodeIndex], components: ComponentPartition? = nil, workLimit: Double = 2e9,
    sampleSize: Int = 4096,
    seed: UInt64 = 1
  ) -> ReachCounts {
    let n = nodeCount
    let scc = components ?? stronglyConnectedComponents()
    let c = scc.count
    // The condensation: successor components of each component.
    var degree = [Int32](repeating: 0, count: c + 1)
    for v in 0..<n {
      let cv = scc.component[v]
      for i in range(of: NodeIndex(v)) where scc.component[Int(neighbors[i])] != cv {
        degree[Int(cv) + 1] += 1
      }
    }
    for k in 0..<c { degree[k + 1] += degree[k] }
    var cursor = degree
    var successors = [Int32](repeating: 0, count: Int(degree[c]))
    for v in 0..<n {
      let cv = scc.component[v]
      for i in range(of: NodeIndex(v)) {
        let cw = scc.component[Int(neighbors[i])]
        if cw != cv {
          successors[Int(cursor[Int(cv)])] = cw
          cursor[Int(cv)] += 1
        }
      }
    }
    // Exact or sampled.
    var unique = Array(Set(targets)).sorted()
    let totalTargets = unique.count
    let batchesExact = (unique.count + Self.batchSize - 1) / Self.batchSize
    let exact =
      Double(batchesExact) * Double(c + successors.count) * Double(Self.batchWords) <= workLimit
      || unique.count <= sampleSize
    if !exact {
      var rng = SeededRandom(seed: seed)
      for i in 0..<sampleSize {
        let j = i + rng.below(unique.count - i)
        unique.swapAt(i, j)
      }
      unique = Array(unique.prefix(sampleSize)).sorted()
    }
    let batches = (unique.count + Self.batchSize - 1) / Self.batchSize
    let chosen = unique
    let successorList = successors
    let offsets = degree
    // Work on the component level; spread batches over the cores.
    let workers = min(max(1, batches), 2)
    let partial = ParallelSlots<[Int32]>(count: workers)
    let work: @Sendable (Int) -> Void = { worker in
      // 512 targets per batch: one 64-byte cache line per component, so each random visit to
      // a successor's vector brings in all of it.
      let words = Self.batchWords  // 8, unrolled below
      let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: words * max(c, 1))
      defer { bits.deallocate() }
      var counts = [Int32](repeating: 0, count: c)
      var batch = worker
      while batch < batches {
        bits.initialize(repeating: 0, count: words * c)
        let lo = batch * Self.batchSize
        let hi = min(chosen.count, lo + Self.batchSize)
        for k in lo..<hi {
          let comp = Int(scc.component[Int(chosen[k])])
          let bit = k - lo
          bits[words * comp + bit / 64] |= 1 << UInt64(bit % 64)
        }
        counts.withUnsafeMutableBufferPointer { counts in
          successorList.withUnsafeBufferPointer { successors in
            offsets.withUnsafeBufferPointer { degree in
              // Components are numbered sinks first: successors are always done already.
              // Eight words held in registers (explicitly unrolled: the optimizer will not keep a
              // loop over memory it cannot prove unaliased in registers).
              for comp in 0..<c {
                let mine = bits + 8 * comp
                var w0 = mine[0]
                var w1 = mine[1]
                var w2 = mine[2]
                var w3 = mine[3]
                var w4 = mine[4]
                var w5 = mine[5]
                var w6 = mine[6]
                var w7 = mine[7]
                for k in Int(degree[comp])..<Int(degree[comp + 1]) {
                  let t = bits + 8 * Int(successors[k])
                  w0 |= t[0]
                  w1 |= t[1]
                  w2 |= t[2]
                  w3 |= t[3]
                  w4 |= t[4]
                  w5 |= t[5]
                  w6 |= t[6]
                  w7 |= t[7]
                }
                mine[0] = w0
                mine[1] = w1
                mine[2] = w2
                mine[3] = w3
                mine[4] = w4
                mine[5] = w5
                mine[6] = w6
                mine[7] = w7
                let total =
                  w0.nonzeroBitCount + w1.nonzeroBitCount + w2.nonzeroBitCount + w3.nonzeroBitCount
                  + w4.nonzeroBitCount + w5.nonzeroBitCount + w6.nonzeroBitCount
                  + w7.nonzeroBitCount
                counts[comp] += Int32(total)
              }
            }
          }
        }
        batch += workers
      }
      partial.set(worker, counts)
    }
    if workers > 1 {
      DispatchQueue.concurrentPerform(iterations: workers, execute: work)
    } else {
      work(0)
    }
    var perComponent = [Int32](repeating: 0, count: c)
    for w in 0..<workers {
      guard let counts = partial.get(w) else { preconditionFailure("worker \(w) set no counts") }
      for k in 0..<c { perComponent[k] += counts[k] }
    }
    var counts = [Int32](repeating: 0, count: n)
    let scale = exact ? 1.0 : Double(totalTargets) / Double(unique.count)
    for v in 0..<n {
      let raw = perComponent[Int(scc.component[v])]
      counts[v] = exact ? raw : Int32((Double(raw) * scale).rounded())
    }
    // Sampling s of T without replacement: sd(count) = T·sqrt(p(1−p)/s · (T−s)/(T−1)), p = c/T,
    // i.e. sqrt(c(T−c)/T) · sqrt(T(T−s)/(s(T−1))).
    let s = Double(unique.count)
    let t = Double(totalTargets)
    let factor = exact ? 0 : 1.959964 * (t * (t - s) / (s * max(t - 1, 1))).squareRoot()
    return ReachCounts(
      counts: counts, estimated: !exact, errorFactor: factor, sampled: unique.count)
  }
}
