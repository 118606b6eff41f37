/// The attributes whose meaning Linkage knows, with the values each accepts.
package struct WellKnownAttribute: Sendable {
  package enum Scope: Sendable { case node, edge }
  package enum Rule: Sendable {
    /// A number in [0, 1].
    case unitInterval
    /// A number ≥ 0.
    case nonNegative
    /// Any finite number.
    case number
  }

  package let name: String
  package let scope: Scope
  package let rule: Rule
  /// What the attribute means, for help texts and docs.
  package let meaning: String

  /// Checks a numeric value.
  /// - Returns: `nil` when the value is acceptable, else a message saying what was expected.
  package func problem(with value: Double) -> String? {
    switch rule {
    case .unitInterval where !(0...1).contains(value):
      "\(name) must be between 0 and 1, found \(NumberFormat.canonical(value))"
    case .nonNegative where value < 0:
      "\(name) must not be negative, found \(NumberFormat.canonical(value))"
    default:
      nil
    }
  }

  package static let all: [WellKnownAttribute] = [
    .init(
      name: "lead_time", scope: .edge, rule: .nonNegative, meaning: "days from order to delivery"),
    .init(name: "cost", scope: .edge, rule: .number, meaning: "cost of using the link"),
    .init(
      name: "share", scope: .edge, rule: .unitInterval,
      meaning: "the source's share of what the target gets for this part"),
    .init(
      name: "confidence", scope: .edge, rule: .unitInterval, meaning: "how sure the link is (0–1)"),
    .init(
      name: "failure_probability", scope: .node, rule: .unitInterval,
      meaning: "chance the node fails in a period"),
    .init(name: "value", scope: .node, rule: .nonNegative, meaning: "importance weight of a buyer"),
  ]

  /// The well-known numeric node attribute named `name`, if any.
  package static func node(_ name: String) -> WellKnownAttribute? {
    all.first { $0.scope == .node && $0.name == name }
  }

  /// The well-known numeric edge attribute named `name`, if any.
  package static func edge(_ name: String) -> WellKnownAttribute? {
    all.first { $0.scope == .edge && $0.name == name }
  }
}
