import ArgumentParser
import LinkageCore
import LinkageIO
import LinkageReports

/// Times the graph kernels on one loaded graph, for `Benchmarks/compare.py` (hidden from help).
struct BenchmarkKernels: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "benchmark-kernels",
    abstract:
      "Time the dominator tree and the articulation points + bridges pass (for Benchmarks/).",
    shouldDisplay: false)

  @Argument(help: "A graph file, CSV pair or dataset folder.")
  var path: String

  @Option(parsing: .unconditional, help: "Repetitions of each kernel; the best time is reported.")
  var repetitions: Int = 3

  func run() throws {
    let start = PhaseTimer.now()
    let input = try GraphInput.load(path, options: GlobalOptions.parseOrExit(["--quiet"]))
    let loaded = PhaseTimer.now()
    let graph = input.graph
    func best(_ body: () -> Void) -> Double {
      var t = Double.infinity
      for _ in 0..<max(1, repetitions) {
        let a = PhaseTimer.now()
        body()
        t = min(t, PhaseTimer.now() - a)
      }
      return t
    }
    var reachable = 0
    let dominators = best {
      let tree = graph.supplyDominatorTree()
      reachable = tree.enter.filter { $0 >= 0 }.count
    }
    var articulation = 0
    var bridges = 0
    let structure = best {
      let s = graph.articulationPointsAndBridges()
      articulation = s.articulationPoints.count
      bridges = s.bridges.count
    }
    var dual = 0
    let classes = best {
      // The class of every node, as `reach` computes it (no counts).
      let reach = DualUseReach(graph: graph, countsBuyers: false)
      dual = reach.classes.filter { $0 == .dual }.count
    }
    // Routes: a startup and the buyer nearest to it; and a startup with a large downstream.
    let buyers = graph.nodes.filter { graph.kind(of: $0) == .buyer }
    let toBuyers = graph.flowIn.nearestSources(buyers)
    var search = GraphSearch(nodeCount: graph.nodeCount)
    func downstream(_ v: NodeIndex) -> Int {
      // Enough to tell a large downstream: stop past 20,000 nodes.
      var seen = 0
      search.run(from: [v], over: [graph.flowOut]) { _, _ in
        seen += 1
        return seen > 20_001 ? .stop : .expand
      }
      return search.settled.count - 1
    }
    let startups = graph.nodes.filter { graph.kind(of: $0) == .startup && toBuyers.reaches($0) }
    // A startup with at least ten routes to its nearest buyer (hops), and a large-downstream one.
    let hopsWeight = try RouteWeight(.hops, graph: graph)
    func routeCount(_ s: NodeIndex, _ t: NodeIndex) -> Int {
      var e = RouteEnumerator(
        graph: graph, source: s, targets: [t], weight: hopsWeight, timeLimit: 1)
      var n = 0
      while n < 10, e.next() != nil { n += 1 }
      return n
    }
    var pairs: [(String, NodeIndex, NodeIndex)] = []
    if let s = startups.prefix(500).first(where: { routeCount($0, toBuyers.nearest[Int($0)]) >= 10 }
    ) ?? startups.first {
      pairs.append(("startup", s, toBuyers.nearest[Int(s)]))
    }
    if let big = startups.prefix(5000).first(where: { downstream($0) > 10_000 }) {
      pairs.append(("large-downstream startup", big, toBuyers.nearest[Int(big)]))
    }
    var routeResults: [JSONValue] = []
    let lead = try RouteWeight(.attribute("lead_time"), graph: graph)
    let hops = try RouteWeight(.hops, graph: graph)
    let any = try RoutePattern(parsing: "startup .* buyer", graph: graph)
    for (label, s, t) in pairs {
      var sssp = 0.0
      let ssspTime = best {
        sssp = graph.flowOut.nearestSources([s], weight: lead.cost).distance.filter(\.isFinite).map
        { _ in 1.0 }.reduce(
          0, +)
      }
      func tenBest(_ w: RouteWeight, _ p: RoutePattern?) -> (Double, Int) {
        var n = 0
        let t0 = best {
          var e = RouteEnumerator(graph: graph, source: s, targets: [t], weight: w, pattern: p)
          n = 0
          while n < 10, e.next() != nil { n += 1 }
        }
        return (t0, n)
      }
      let (hopsTime, hopsCount) = tenBest(hops, nil)
      let (leadTime, leadCount) = tenBest(lead, nil)
      let (viaTime, viaCount) = tenBest(lead, any)
      routeResults.append(
        .object([
          ("label", .string(label)), ("source", .string(graph.id(of: s))),
          ("target", .string(graph.id(of: t))),
          ("downstream", .int(downstream(s))),
          ("sssp_lead_time_seconds", .number(ssspTime)), ("sssp_reached", .number(sssp)),
          ("k10_hops_seconds", .number(hopsTime)), ("k10_hops_found", .int(hopsCount)),
          ("k10_lead_time_seconds", .number(leadTime)), ("k10_lead_time_found", .int(leadCount)),
          ("k10_via_seconds", .number(viaTime)), ("k10_via_found", .int(viaCount)),
        ]))
    }
    let readinessTime = best { _ = ReferenceReadiness(graph: graph) }
    emit(
      JSONValue.object([
        ("routes", .array(routeResults)),
        ("readiness_seconds", .number(readinessTime)),
        ("reach_classes_seconds", .number(classes)), ("reach_dual_nodes", .int(dual)),
        ("nodes", .int(graph.nodeCount)), ("edges", .int(graph.edgeCount)),
        ("load_seconds", .number(loaded - start)),
        ("dominator_tree_seconds", .number(dominators)), ("dominator_reachable", .int(reachable)),
        ("articulation_bridges_seconds", .number(structure)),
        ("articulation_points", .int(articulation)), ("bridges", .int(bridges)),
      ]).text() + "\n")
  }
}
