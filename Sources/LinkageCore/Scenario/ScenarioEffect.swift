/// What a scenario does to the supply of a set of targets: which lose it, which gain it (an
/// addition can supply a target that had none) and which had none either way.
///
/// Both sides are the exact least fixed point of supply (``SupplyNetwork/suppliedNodes(failed:)``)
/// under the same semantics and minimum share.
///
///     let effect = ScenarioEffect(unchanged: graph, changed: whatIf, semantics: .parts,
///                                 targets: buyers)
///     effect.cut   // [navy, nuri-electronics] with kseed-silicon failed
///
/// - Complexity: O(*V* + *E*) for each graph.
package struct ScenarioEffect: Sendable {
  /// Targets supplied without the scenario and not with it, in index order.
  package let cut: [NodeIndex]
  /// Targets supplied with the scenario and not without it (new ones included).
  package let restored: [NodeIndex]
  /// Targets supplied in neither.
  package let unsuppliedEither: [NodeIndex]
  /// The `value` of the targets cut (1 each without a `value`).
  package let valueCut: Double
  /// How many targets were asked about.
  package let targetCount: Int

  /// - Parameters:
  ///   - unchanged: the graph without the scenario; its nodes keep their indices in `changed`.
  ///   - changed: the graph with the scenario applied.
  ///   - targets: indices in `changed`.
  package init(
    unchanged: SupplyGraph, changed: SupplyGraph, semantics: SupplySemantics,
    minimumShare: Double? = nil, targets: [NodeIndex]
  ) {
    let before = SupplyNetwork(graph: unchanged, semantics: semantics, minimumShare: minimumShare)
      .suppliedNodes()
    let after = SupplyNetwork(graph: changed, semantics: semantics, minimumShare: minimumShare)
      .suppliedNodes()
    let value = changed.nodeAttributes["value"]
    var cut: [NodeIndex] = []
    var restored: [NodeIndex] = []
    var neither: [NodeIndex] = []
    var valueCut = 0.0
    for t in targets.sorted() {
      let was = Int(t) < before.count && before[Int(t)]
      let now = after[Int(t)]
      switch (was, now) {
      case (true, false):
        cut.append(t)
        valueCut += value?.number(at: Int(t)) ?? 1
      case (false, true): restored.append(t)
      case (false, false): neither.append(t)
      case (true, true): break
      }
    }
    self.cut = cut
    self.restored = restored
    self.unsuppliedEither = neither
    self.valueCut = valueCut
    self.targetCount = targets.count
  }
}
