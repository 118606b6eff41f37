/// How ready each startup is to win buyers: its nearest defense and industry buyers (by hops,
/// and by lead time), whether the shortest route passes a verification program, and the
/// gateway on it (the first integrator or program).
///
/// Four multi-source searches backwards from the buyers (each sector, by hops and by
/// `lead_time`), then a walk along each startup's route: O((*V* + *E*) log *V*) in all.
package struct ReferenceReadiness: Sendable {
  package struct SectorRoute: Sendable {
    /// The nearest buyer by hops, the route to it, and that route's total lead time.
    package let buyer: NodeIndex
    package let path: Path
    package let leadTime: Double
    /// The buyer reached soonest by lead time, and the days.
    package let fastestBuyer: NodeIndex
    package let fastestDays: Double
    /// Whether the route passes a program at the verification stage.
    package let passesVerification: Bool
    /// The first integrator or program on the route.
    package let gateway: NodeIndex?
  }

  package struct Row: Sendable {
    package let startup: NodeIndex
    package let defense: SectorRoute?
    package let industry: SectorRoute?
  }

  package let rows: [Row]

  package init(graph: SupplyGraph) {
    let leadColumn = graph.edgeAttributes["lead_time"]
    let lead = (0..<graph.edgeCount).map { leadColumn?.number(at: $0) ?? 0 }
    func buyers(_ s: Sector) -> [NodeIndex] {
      graph.nodes.filter { graph.kind(of: $0) == .buyer && graph.sector(of: $0) == s }
    }
    struct Forests {
      let hops: ShortestPathForest
      let days: ShortestPathForest
    }
    // Four independent searches, two at a time on large graphs.
    let defenseBuyers = buyers(.defense)
    let industryBuyers = buyers(.industry)
    let searches = ParallelBuild.run(4, parallel: graph.edgeCount >= 100_000) {
      k -> ShortestPathForest in
      switch k {
      case 0: graph.flowIn.nearestSources(defenseBuyers)
      case 1: graph.flowIn.nearestSources(industryBuyers)
      case 2: graph.flowIn.nearestSources(defenseBuyers, weight: lead)
      default: graph.flowIn.nearestSources(industryBuyers, weight: lead)
      }
    }
    let forests: [Sector: Forests] = [
      .defense: Forests(hops: searches[0], days: searches[2]),
      .industry: Forests(hops: searches[1], days: searches[3]),
    ]
    func route(_ v: NodeIndex, _ s: Sector) -> SectorRoute? {
      let f = forests[s]!
      guard f.hops.reaches(v), let path = f.hops.path(from: v),
        path.hops > 0
      else {
        return nil
      }
      let days = path.edges.reduce(0) { $0 + lead[Int($1)] }
      let verification = path.nodes.dropFirst().contains {
        graph.kind(of: $0) == .program && graph.stage(of: $0) == .verification
      }
      let gateway = path.nodes.dropFirst().first {
        graph.kind(of: $0) == .integrator || graph.kind(of: $0) == .program
      }
      return SectorRoute(
        buyer: path.nodes.last!, path: path, leadTime: days, fastestBuyer: f.days.nearest[Int(v)],
        fastestDays: f.days.distance[Int(v)], passesVerification: verification, gateway: gateway)
    }
    rows = graph.nodes.filter { graph.kind(of: $0) == .startup }.map { v in
      Row(startup: v, defense: route(v, .defense), industry: route(v, .industry))
    }
  }
}
