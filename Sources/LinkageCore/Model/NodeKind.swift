/// What a node stands for in a supply ecosystem.
///
/// Unknown kinds are accepted with a warning and read as ``other``; the text the user wrote is
/// kept (``SupplyGraph/kindLabel(of:)``) so that writing the graph back loses nothing.
package enum NodeKind: UInt8, CaseIterable, Sendable, Comparable {
  /// An early-stage company, the subject of reference-path questions.
  case startup
  /// A firm that provides components, materials or services.
  case supplier
  /// A firm that assembles systems and sells them on (e.g. a defense prime).
  case integrator
  /// An end customer; must have sector `defense` or `industry`.
  case buyer
  /// A verification, demonstration or procurement program.
  case program
  /// A ministry or public body that funds or runs programs.
  case agency
  /// A product, material, tool or process step (bill-of-materials style networks).
  case input
  /// A country or region standing for many firms (an aggregate provider).
  case region
  /// Any kind Linkage does not know.
  case other

  /// The name used in files and output.
  package var name: String {
    switch self {
    case .startup: "startup"
    case .supplier: "supplier"
    case .integrator: "integrator"
    case .buyer: "buyer"
    case .program: "program"
    case .agency: "agency"
    case .input: "input"
    case .region: "region"
    case .other: "other"
    }
  }

  /// Reads a kind name; `nil` when the name is not one Linkage knows (`other` is not a name
  /// users write, it is what unknown names become).
  package init?(name: some StringProtocol) {
    switch name {
    case "startup": self = .startup
    case "supplier": self = .supplier
    case "integrator": self = .integrator
    case "buyer": self = .buyer
    case "program": self = .program
    case "agency": self = .agency
    case "input": self = .input
    case "region": self = .region
    default: return nil
    }
  }

  package static func < (lhs: NodeKind, rhs: NodeKind) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The kinds users write, in the order of the product design.
  package static let known: [NodeKind] = allCases.filter { $0 != .other }
}
