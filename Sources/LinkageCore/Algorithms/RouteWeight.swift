#if canImport(Glibc)
  import Glibc
#endif

//===----------------------------------------------------------------------===//
// RouteWeight: what a route costs per edge
//===----------------------------------------------------------------------===//

/// What a route costs per edge.
package struct RouteWeight: Sendable {
  package enum Measure: Sendable, Equatable {
    case hops
    /// A numeric edge attribute (`lead_time`, `cost`, …); edges without a value cost 0.
    case attribute(String)
    /// Most credible: maximize the product of `confidence` (edges without one count 1).
    case confidence
  }

  package let measure: Measure
  /// Each edge's additive cost (`.infinity`: the edge cannot be used).
  package let cost: [Double]

  package struct InvalidWeight: Error, CustomStringConvertible {
    package let description: String
  }

  /// The weights of `measure` on the flow edges of `graph`.
  /// - Throws: ``InvalidWeight`` for an attribute no edge has, non-numeric values, or negative
  ///   values (shortest paths need costs ≥ 0).
  package init(_ measure: Measure, graph: SupplyGraph) throws {
    self.measure = measure
    var cost = [Double](repeating: .infinity, count: graph.edgeCount)
    switch measure {
    case .hops:
      for e in 0..<graph.edgeCount where graph.isFlow[e] { cost[e] = 1 }
    case .confidence:
      let column = graph.edgeAttributes["confidence"]
      for e in 0..<graph.edgeCount where graph.isFlow[e] {
        let c = column?.number(at: e) ?? 1
        cost[e] = c > 0 ? -naturalLog(c) : .infinity
        if cost[e] == -0.0 { cost[e] = 0 }
      }
    case .attribute(let name):
      guard let column = graph.edgeAttributes[name] else {
        let numeric = graph.edgeAttributes.columns.filter(\.isNumeric).map(\.name)
          .filter { $0 != "hops" && $0 != "confidence" }
        let choices = (["hops", "confidence"] + numeric).joined(separator: ", ")
        throw InvalidWeight(
          description: "no edge has '\(name)' (numeric edge attributes here: \(choices))"
        )
      }
      for e in 0..<graph.edgeCount where graph.isFlow[e] {
        if let v = column[e] {
          guard let d = v.number else {
            throw InvalidWeight(
              description:
                "'\(name)' is not numeric on edge \(graph.id(of: graph.source(of: EdgeIndex(e)))) → \(graph.id(of: graph.target(of: EdgeIndex(e)))): '\(v)'"
            )
          }
          guard d >= 0 else {
            throw InvalidWeight(
              description:
                "'\(name)' is negative (\(NumberFormat.canonical(d))) on edge \(graph.id(of: graph.source(of: EdgeIndex(e)))) → \(graph.id(of: graph.target(of: EdgeIndex(e)))); shortest routes need costs ≥ 0"
            )
          }
          cost[e] = d
        } else {
          cost[e] = 0
        }
      }
    }
    self.cost = cost
  }

  /// The reported cost of a route from its additive cost: the product of confidences for
  /// `confidence`, the sum otherwise.
  package func reported(_ additive: Double) -> Double {
    measure == .confidence ? naturalExp(-additive) : additive
  }
}

@inline(__always) func naturalLog(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) func naturalExp(_ x: Double) -> Double { Glibc.exp(x) }
