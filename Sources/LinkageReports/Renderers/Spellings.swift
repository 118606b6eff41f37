import LinkageCore

// How the outputs spell Core's values: one place, so table, CSV, JSON and the brief agree and
// Core carries no output spellings.

extension DualUseReach.ReachClass {
  /// `dual`, `defense-only`, `industry-only`, `none` (tables, CSV, JSON keys and values).
  package var spelling: String {
    switch self {
    case .dual: "dual"
    case .defenseOnly: "defense-only"
    case .industryOnly: "industry-only"
    case .none: "none"
    }
  }
}

extension TargetRedundancy.Bound {
  /// `exact`, `at_least`, `at_most`, `unlimited` (JSON `redundancy_bound`).
  package var spelling: String {
    switch self {
    case .exact: "exact"
    case .atLeast: "at_least"
    case .atMost: "at_most"
    case .unlimited: "unlimited"
    }
  }
}
