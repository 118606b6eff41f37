/// Whether an edge carries supply (a dependency) or only context.
package enum RelationRole: UInt8, Sendable {
  /// Value flows along the edge toward buyers; supply analyses follow it.
  case flow
  /// Shown in diagrams and kept in files, never a supply dependency.
  case context

  package var name: String { self == .flow ? "flow" : "context" }
}

/// An edge relation: its name as written, and the role it plays.
///
/// The relations of the product design are known; any other name is accepted (with a warning
/// from the reader) and treated as flow unless the document declares it in
/// `context_relations`.
package struct Relation: Hashable, Sendable {
  /// The name as written in the input, e.g. `supplies`.
  package let name: String
  /// Flow or context.
  package let role: RelationRole
  /// Whether the name is one of the product design's relations.
  package let isKnown: Bool

  package init(name: String, contextRelations: Set<String> = []) {
    self.name = name
    if let role = Relation.knownRoles[name] {
      self.isKnown = true
      self.role = contextRelations.contains(name) ? .context : role
    } else {
      self.isKnown = false
      self.role = contextRelations.contains(name) ? .context : .flow
    }
  }

  /// The relations of the product design and their roles.
  package static let knownRoles: [String: RelationRole] = [
    "supplies": .flow, "sells_to": .flow, "verified_in": .flow, "qualifies": .flow,
    "licenses": .flow, "goes_into": .flow,
    "funds": .context, "supports": .context, "partners": .context, "is_type_of": .context,
  ]

  /// Relation names in a stable order: flow relations first, as in the design.
  package static let knownNames: [String] = [
    "supplies", "sells_to", "verified_in", "qualifies", "licenses", "goes_into",
    "funds", "supports", "partners", "is_type_of",
  ]

  /// The relation used when an edge names none.
  package static let defaultName = "supplies"
}
