import LinkageCore

/// The sentences that explain a chain of dependence: "every supply route to navy passes
/// kseed-silicon, then hanul-defense" (OR semantics) or "chipco fails → part compute of
/// int-def has no other supplier → int-def2 falls too, so navy loses supply" (parts
/// semantics: every supplier that falls on the way is named).
package enum WhyText {
  /// Why `failure` cuts off the last node of `steps`.
  package static func sentence(
    _ analysis: SinglePointsOfFailure, failure: NodeIndex, steps: [SinglePointsOfFailure.Step]
  ) -> String {
    sentence(
      analysis, start: "\(analysis.network.graph.id(of: failure)) fails", failure: failure,
      steps: steps)
  }

  /// Why losing `edge` cuts off the last node of `steps`.
  package static func sentence(
    _ analysis: SinglePointsOfFailure, failedLink edge: EdgeIndex,
    steps: [SinglePointsOfFailure.Step]
  ) -> String {
    let g = analysis.network.graph
    let link = "the link \(g.id(of: g.source(of: edge))) → \(g.id(of: g.target(of: edge)))"
    if analysis.dominators != nil, let last = steps.last {
      let via = steps.dropLast().map { g.id(of: $0.node) }
      return "every supply route to \(g.id(of: last.node)) uses \(link)"
        + (via.isEmpty ? "" : " and then passes " + via.joined(separator: ", then "))
    }
    return sentence(analysis, start: "\(link) fails", failure: nil, steps: steps)
  }

  /// `part compute of hanul-defense`, or `hanul-defense` for an unlabeled group.
  package static func group(_ network: SupplyNetwork, _ g: Int) -> String {
    let graph = network.graph
    let node = graph.id(of: network.nodeOfGroup[g])
    let label = network.groupLabel[g]
    return label < 0 ? node : "part \(graph.partLabels[Int(label)]) of \(node)"
  }

  private static func sentence(
    _ analysis: SinglePointsOfFailure, start: String, failure: NodeIndex?,
    steps: [SinglePointsOfFailure.Step]
  ) -> String {
    let network = analysis.network
    let g = network.graph
    guard let last = steps.last else { return "" }
    if analysis.dominators != nil, let failure {
      let route = ([failure] + steps.map(\.node)).map { g.id(of: $0) }
      return "every supply route to \(g.id(of: last.node)) passes "
        + route.dropLast().joined(separator: ", then ")
    }
    // Each step names every supplier of the group that fell, not only the one the chain
    // follows: "y falls too, so part compute of x has no supplier left".
    func fell(_ step: SinglePointsOfFailure.Step) -> (prefix: String, none: String) {
      guard !step.alsoFell.isEmpty else { return ("", "no other supplier") }
      let ids = step.alsoFell.map { g.id(of: $0) }
      let names =
        ids.count == 1
        ? ids[0] : ids.dropLast().joined(separator: ", ") + " and " + ids[ids.count - 1]
      return ("\(names) \(ids.count == 1 ? "falls" : "fall") too, so ", "no supplier left")
    }
    var parts = [start]
    for step in steps.dropLast() {
      let (prefix, none) = fell(step)
      parts.append("\(prefix)\(group(network, Int(step.group))) has \(none)")
    }
    let final = group(network, Int(last.group))
    let (prefix, none) = fell(last)
    parts.append(
      final == g.id(of: last.node)
        ? "\(prefix)\(final) loses supply"
        : "\(prefix)\(final) has \(none), so \(g.id(of: last.node)) loses supply")
    return parts.joined(separator: " → ")
  }
}

/// A route as text, every edge an arrow labelled with its relation.
enum RouteText {
  /// `label(first) —relation→ label(next) …`
  /// - Complexity: O(route length).
  static func arrows(
    _ p: Path, in graph: SupplyGraph, label: (NodeIndex) -> String
  ) -> String {
    var s = label(p.nodes[0])
    for (k, e) in p.edges.enumerated() {
      s += " —\(graph.relation(of: e).name)→ \(label(p.nodes[k + 1]))"
    }
    return s
  }
}
