/// Which nodes supply questions are asked about.
///
/// Written as comma-separated items, each an id or conditions joined by `&`:
/// `kind=buyer`, `sector=defense`, `stage=verification`, `kind=buyer&sector=defense`,
/// `navy,army`, or any node attribute: `country=NLD`, `tier=2`, `name=ASML`. A node is
/// selected when any item selects it.
package struct TargetSelection: Sendable, CustomStringConvertible {
  package enum Condition: Sendable, Equatable {
    case id(String)
    case kind(String)
    case sector(String)
    case stage(String)
    /// Any other field (`name`, `tier`) or node attribute, compared as written.
    case attribute(String, String)
  }

  /// Items (OR) of conditions (AND).
  package let items: [[Condition]]
  package let description: String

  /// A selector that does not parse: an empty item or condition.
  package struct ParseError: Error, CustomStringConvertible {
    package let description: String
    /// The unknown field, when that is the problem.
    package let field: String?
  }

  /// The fields a condition may test besides node attributes.
  package static let fields = ["kind", "sector", "stage", "id", "name", "tier"]

  /// Parses the selector syntax.
  /// - Throws: ``ParseError`` for an empty item or a condition without a field (`=red`).
  ///   Whether a field exists is the caller's to check against the graph.
  package init(parsing text: String) throws {
    var items: [[Condition]] = []
    for rawItem in text.split(separator: ",", omittingEmptySubsequences: false) {
      let item = rawItem.trimmingCharacters(in: " ")
      guard !item.isEmpty else {
        throw ParseError(description: "empty item in '\(text)'", field: nil)
      }
      var conditions: [Condition] = []
      for part in item.split(separator: "&") {
        let p = part.trimmingCharacters(in: " ")
        if let eq = p.firstIndex(of: "="), !p.hasPrefix("#") {
          let field = String(p[..<eq])
          let value = String(p[p.index(after: eq)...])
          guard !field.isEmpty else {
            throw ParseError(description: "'\(p)' has no field before '='", field: nil)
          }
          switch field {
          case "kind": conditions.append(.kind(value))
          case "sector": conditions.append(.sector(value))
          case "stage": conditions.append(.stage(value))
          case "id": conditions.append(.id(value))
          default: conditions.append(.attribute(field, value))
          }
        } else {
          conditions.append(.id(p.hasPrefix("#") ? String(p.dropFirst()) : p))
        }
      }
      items.append(conditions)
    }
    self.items = items
    self.description = text
  }

  /// The ids named directly, for checking that they exist.
  package var namedIDs: [String] {
    items.flatMap { $0 }.compactMap { if case .id(let id) = $0 { return id } else { return nil } }
  }

  /// The selected nodes, in index order.
  /// - Complexity: O(*V* · conditions).
  package func select(in graph: SupplyGraph) -> [NodeIndex] {
    graph.nodes.filter { v in
      items.contains { conditions in
        conditions.allSatisfy { c in
          switch c {
          case .id(let id): graph.id(of: v) == id
          case .kind(let k):
            graph.kindLabel(of: v) == k || (k == "other" && graph.kind(of: v) == .other)
          case .sector(let s): graph.sectorLabel(of: v) == s
          case .stage(let s): graph.stageLabel(of: v) == s
          case .attribute(let field, let value): graph.fieldText(field, of: v) == value
          }
        }
      }
    }
  }

  /// The default targets: the buyers, or when there are none, the sinks of the flow graph
  /// (nodes with incoming but no outgoing flow edges).
  package static func defaultTargets(in graph: SupplyGraph) -> DefaultTargets {
    let buyers = graph.nodes.filter { graph.kind(of: $0) == .buyer }
    if !buyers.isEmpty { return DefaultTargets(nodes: buyers, rule: "buyers") }
    let sinks = graph.nodes.filter {
      graph.dependencyOut.degree(of: $0) == 0 && graph.dependencyIn.degree(of: $0) > 0
    }
    return DefaultTargets(nodes: sinks, rule: "sinks")
  }

  package struct DefaultTargets: Sendable {
    package let nodes: [NodeIndex]
    /// `buyers` or `sinks`.
    package let rule: String
  }
}

extension StringProtocol {
  func trimmingCharacters(in set: Character) -> String {
    var s = Substring(self)
    while s.first == set { s.removeFirst() }
    while s.last == set { s.removeLast() }
    return String(s)
  }
}
