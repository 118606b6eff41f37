import ArgumentParser
import LinkageCore
import LinkageIO

/// Times the graph kernels on one loaded graph, for `Benchmarks/compare.py` (hidden from help).
struct BenchmarkKernels: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "benchmark-kernels",
    abstract: "Time the dominator tree and the articulation points + bridges pass (for Benchmarks/).",
    shouldDisplay: false)

  @Argument(help: "A graph file, CSV pair or dataset folder.")
  var path: String

  @Option(help: "Repetitions of each kernel; the best time is reported.")
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
    var articulation = 0, bridges = 0
    let structure = best {
      let s = graph.articulationPointsAndBridges()
      articulation = s.articulationPoints.count
      bridges = s.bridges.count
    }
    var dual = 0
    let classes = best {
      // The class of every node: one backwards search per sector from its buyers.
      let defense = graph.nodes.filter { graph.kind(of: $0) == .buyer && graph.sector(of: $0) == .defense }
      let industry = graph.nodes.filter { graph.kind(of: $0) == .buyer && graph.sector(of: $0) == .industry }
      let d = graph.flowIn.nearestSources(defense)
      let i = graph.flowIn.nearestSources(industry)
      dual = (0..<graph.nodeCount).filter { d.nearest[$0] >= 0 && i.nearest[$0] >= 0 }.count
    }
    emit(
      JSONValue.object([
        ("reach_classes_seconds", .number(classes)), ("reach_dual_nodes", .int(dual)),
        ("nodes", .int(graph.nodeCount)), ("edges", .int(graph.edgeCount)),
        ("load_seconds", .number(loaded - start)),
        ("dominator_tree_seconds", .number(dominators)), ("dominator_reachable", .int(reachable)),
        ("articulation_bridges_seconds", .number(structure)),
        ("articulation_points", .int(articulation)), ("bridges", .int(bridges)),
      ]).text() + "\n")
  }
}
