/// The market a node serves: defense, civilian industry, or both.
package enum Sector: UInt8, CaseIterable, Sendable, Comparable {
  case defense
  case industry
  case dual

  package var name: String {
    switch self {
    case .defense: "defense"
    case .industry: "industry"
    case .dual: "dual"
    }
  }

  package init?(name: some StringProtocol) {
    switch name {
    case "defense": self = .defense
    case "industry": self = .industry
    case "dual": self = .dual
    default: return nil
    }
  }

  package static func < (lhs: Sector, rhs: Sector) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The step of the innovation pipeline a program (or firm) belongs to.
package enum Stage: UInt8, CaseIterable, Sendable, Comparable {
  case technology
  case verification
  case application
  case diffusion

  package var name: String {
    switch self {
    case .technology: "technology"
    case .verification: "verification"
    case .application: "application"
    case .diffusion: "diffusion"
    }
  }

  package init?(name: some StringProtocol) {
    switch name {
    case "technology": self = .technology
    case "verification": self = .verification
    case "application": self = .application
    case "diffusion": self = .diffusion
    default: return nil
    }
  }

  package static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rawValue < rhs.rawValue }
}
