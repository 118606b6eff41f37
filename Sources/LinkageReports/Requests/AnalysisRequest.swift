import LinkageCore

/// What an analysis is asked, resolved against one graph once: targets, semantics, min-share,
/// nodes, route measure, pattern and kinds. Every command that takes these options builds one
/// of these, so they are checked the same way everywhere, with one error path
/// (``RequestError``) and one "did you mean" helper (``Suggestions``).
///
///     var options = AnalysisRequest.Options()
///     options.targets = .init(text: "sector=defense", option: "--targets")
///     let request = try AnalysisRequest(graph: graph, options: options)
///     request.targets?.nodes   // the defense buyers
package struct AnalysisRequest: Sendable {
  /// An option's raw text and the name to report it under.
  package struct Text: Sendable {
    package var text: String
    package var option: String
    package init(text: String, option: String) {
      self.text = text
      self.option = option
    }
  }

  /// How supply semantics are chosen.
  package enum SemanticsChoice: String, Sendable, CaseIterable {
    case auto, or, parts
  }

  /// The raw options, as a command received them (`nil`: not asked).
  package struct Options: Sendable {
    /// Target selector (spof `--targets`, paths `--to`); `nil` with `wantsTargets` gives the
    /// default targets.
    package var targets: Text?
    /// Whether to resolve targets at all (default targets when `targets` is nil).
    package var wantsTargets = false
    /// The default selector text when `targets` is nil, e.g. `kind=buyer` for paths (nil: the
    /// buyers, or the sinks when there are none).
    package var defaultTargets: String?
    /// The option to name in errors about the default targets.
    package var targetsOption = "--targets"
    package var semantics: SemanticsChoice?
    package var minimumShare: Double?
    /// One node to show in full (`--node`, `--focus`).
    package var node: Text?
    /// Where routes start (`--from`).
    package var source: Text?
    /// Route measure (`--by`).
    package var measure: Text?
    /// Route pattern (`--via`).
    package var pattern: Text?
    /// Kinds to list, comma-separated (`--kind`).
    package var kinds: Text?
    package init() {}

    /// What a route search asks (`paths`, `render --view paths`, the library): where routes
    /// start, where they may end (default: every buyer), the measure and the pattern. Errors
    /// name the options with `prefix` (`--from` for the CLI, `from` for the library).
    package static func routes(
      from: String?, to: String?, by: String, via: String?, prefix: String = "--"
    ) -> Options {
      var o = Options()
      o.source = from.map { Text(text: $0, option: prefix + "from") }
      o.targets = to.map { Text(text: $0, option: prefix + "to") }
      o.wantsTargets = true
      o.defaultTargets = "kind=buyer"
      o.targetsOption = prefix + "to"
      o.measure = Text(text: by, option: prefix + "by")
      o.pattern = via.map { Text(text: $0, option: prefix + "via") }
      return o
    }

    /// What a single-points-of-failure analysis asks (`spof`, `render --view spof`, `brief`,
    /// the library): targets (default: the buyers, or the sinks), semantics and min-share.
    package static func failures(
      targets: String?, semantics: SemanticsChoice = .auto, minimumShare: Double? = nil,
      prefix: String = "--"
    ) -> Options {
      var o = Options()
      o.targets = targets.map { Text(text: $0, option: prefix + "targets") }
      o.wantsTargets = true
      o.semantics = semantics
      o.minimumShare = minimumShare
      return o
    }
  }

  /// How the targets were chosen.
  package enum TargetRule: Sendable, Equatable {
    /// Named by the user with this selector text.
    case given(String)
    /// The buyers (the default).
    case buyers
    /// The sinks of the flow graph (the default when there are no buyers).
    case sinks
  }

  /// Resolved targets.
  package struct Targets: Sendable {
    package let nodes: [NodeIndex]
    package let rule: TargetRule
    /// The selector text (the user's, or the default's).
    package let text: String
  }

  /// Why the semantics are what they are.
  package enum SemanticsReason: Sendable, Equatable {
    /// Named by the user.
    case chosen
    /// Automatic: the data has part labels or `requires: all`.
    case automaticParts
    /// Automatic: no part labels and no `requires: all`.
    case automaticOr
  }

  /// Resolved supply semantics.
  package struct Semantics: Sendable {
    package let semantics: SupplySemantics
    package let reason: SemanticsReason
    package let minimumShare: Double?
  }

  /// A resolved route measure with the name the user gave it.
  package struct Measure: Sendable {
    package let weight: RouteWeight
    package let name: String
  }

  /// A compiled route pattern with its text.
  package struct Pattern: Sendable {
    package let pattern: RoutePattern
    package let text: String
  }

  package let targets: Targets?
  package let semantics: Semantics?
  package let node: NodeIndex?
  package let source: NodeIndex?
  package let measure: Measure?
  package let pattern: Pattern?
  /// Kind labels to list (nil: every kind).
  package let kinds: Set<String>?

  /// Resolves `options` against `graph`.
  /// - Throws: ``RequestError`` for an unknown id, field or value (with suggestions), a
  ///   selector that selects nothing, a measure no edge has, or a pattern that does not parse.
  /// - Complexity: O(*V* · conditions) for targets, O(*E*) for a measure, plus parsing.
  package init(graph: SupplyGraph, options: Options) throws(RequestError) {
    node = try options.node.map { t throws(RequestError) in try Self.node(t, in: graph) }
    source = try options.source.map { t throws(RequestError) in try Self.node(t, in: graph) }
    if let text = options.targets {
      let nodes = try Self.select(text, in: graph)
      targets = Targets(nodes: nodes, rule: .given(text.text), text: text.text)
    } else if options.wantsTargets, let fallback = options.defaultTargets {
      let nodes = try Self.select(Text(text: fallback, option: options.targetsOption), in: graph)
      targets = Targets(nodes: nodes, rule: .buyers, text: fallback)
    } else if options.wantsTargets {
      let d = TargetSelection.defaultTargets(in: graph)
      targets = Targets(
        nodes: d.nodes, rule: d.rule == "sinks" ? .sinks : .buyers, text: d.rule)
    } else {
      targets = nil
    }
    if let choice = options.semantics {
      if let m = options.minimumShare, !(0...1).contains(m) {
        throw RequestError(option: "--min-share", message: "must be between 0 and 1, not \(m)")
      }
      let chosen: SupplySemantics
      let reason: SemanticsReason
      switch choice {
      case .or: (chosen, reason) = (.or, .chosen)
      case .parts: (chosen, reason) = (.parts, .chosen)
      case .auto:
        chosen = SupplySemantics.automatic(for: graph)
        reason = chosen == .parts ? .automaticParts : .automaticOr
      }
      semantics = Semantics(semantics: chosen, reason: reason, minimumShare: options.minimumShare)
    } else {
      semantics = nil
    }
    measure = try options.measure.map { t throws(RequestError) in try Self.measure(t, in: graph) }
    pattern = try options.pattern.map { t throws(RequestError) in try Self.pattern(t, in: graph) }
    kinds = try options.kinds.map { t throws(RequestError) in try Self.kinds(t, in: graph) }
  }

  /// The node with id `text`.
  package static func node(_ text: Text, in graph: SupplyGraph) throws(RequestError) -> NodeIndex {
    guard let v = graph.index(of: text.text) else {
      throw Suggestions.unknownNode(text.text, option: text.option, in: graph)
    }
    return v
  }

  /// The nodes a selector selects, checking every id, field and value against the graph.
  package static func select(
    _ text: Text, in graph: SupplyGraph
  ) throws(RequestError)
    -> [NodeIndex]
  {
    let selection: TargetSelection
    do {
      selection = try TargetSelection(parsing: text.text)
    } catch let error as TargetSelection.ParseError {
      throw RequestError(
        option: text.option, message: error.description,
        suggestions: error.field.map {
          Suggestions.closest(to: $0, in: TargetSelection.fields)
        } ?? [])
    } catch {
      throw RequestError(option: text.option, message: "\(error)")
    }
    for item in selection.items {
      for condition in item {
        switch condition {
        case .id(let id):
          if graph.index(of: id) == nil {
            throw Suggestions.unknownNode(id, option: text.option, in: graph)
          }
        case .kind(let k):
          try check(
            "kind", k, among: graph.kindLabels + NodeKind.allCases.map(\.name),
            listing: graph.kindLabels, text: text)
        case .sector(let s): try check("sector", s, among: graph.sectorLabels, text: text)
        case .stage(let s): try check("stage", s, among: graph.stageLabels, text: text)
        case .attribute(let field, let value):
          let fields = graph.nodeAttributes.names + ["name", "tier"]
          guard fields.contains(field) else {
            throw RequestError(
              option: text.option,
              message:
                "no node has a field '\(field)' (fields here: \((TargetSelection.fields.prefix(4) + graph.nodeAttributes.names).joined(separator: ", ")))",
              suggestions: Suggestions.closest(to: field, in: TargetSelection.fields + fields))
          }
          if !graph.nodes.contains(where: { graph.fieldText(field, of: $0) == value }) {
            // The values the data has, for the error and its suggestions.
            var values = Set<String>()
            for v in graph.nodes {
              if let t = graph.fieldText(field, of: v) { values.insert(t) }
              if values.count > 10_000 { break }
            }
            let listed = values.sorted()
            throw RequestError(
              option: text.option,
              message: "no node has \(field) '\(value)'"
                + (listed.count <= 20 ? " (\(Self.valuesHere(field)): \(listed.joined(separator: ", ")))" : ""),
              suggestions: Suggestions.closest(to: value, in: listed))
          }
        }
      }
    }
    let nodes = selection.select(in: graph)
    if nodes.isEmpty {
      throw RequestError(option: text.option, message: "'\(text.text)' selects no node")
    }
    return nodes
  }

  /// Accepts `value` when it is among `accepted`; otherwise the error lists `listing` (the
  /// values the data has; default: `accepted`).
  private static func check(
    _ field: String, _ value: String, among accepted: [String], listing: [String]? = nil,
    text: Text
  ) throws(RequestError) {
    guard !accepted.contains(value) else { return }
    var seen = Set<String>()
    let here = (listing ?? accepted).filter { seen.insert($0).inserted }.sorted()
    throw RequestError(
      option: text.option,
      message: "no node has \(field) '\(value)'"
        + (here.isEmpty ? "" : " (\(Self.valuesHere(field)): \(here.joined(separator: ", ")))"),
      suggestions: Suggestions.closest(to: value, in: here))
  }

  /// The route measure named `text`: hops, confidence, or a numeric edge attribute.
  package static func measure(_ text: Text, in graph: SupplyGraph) throws(RequestError) -> Measure {
    let by = text.text
    let measure: RouteWeight.Measure =
      by == "hops" ? .hops : by == "confidence" ? .confidence : .attribute(by)
    do {
      return Measure(weight: try RouteWeight(measure, graph: graph), name: by)
    } catch {
      let numeric = graph.edgeAttributes.columns.filter(\.isNumeric).map(\.name)
      throw RequestError(
        option: text.option, message: "\(error)",
        suggestions: Suggestions.closest(to: by, in: ["hops", "confidence"] + numeric)
          .filter { $0 != by })
    }
  }

  /// The compiled pattern `text`.
  package static func pattern(_ text: Text, in graph: SupplyGraph) throws(RequestError) -> Pattern {
    do {
      return Pattern(pattern: try RoutePattern(parsing: text.text, graph: graph), text: text.text)
    } catch let error as RoutePattern.ParseError {
      throw RequestError(
        option: text.option, message: error.message,
        pointer: .init(text: text.text, column: error.column))
    } catch {
      throw RequestError(option: text.option, message: "\(error)")
    }
  }

  /// The kind labels in a comma-separated list, each checked against the graph.
  package static func kinds(
    _ text: Text, in graph: SupplyGraph
  ) throws(RequestError) -> Set<
    String
  > {
    let kinds = Set(text.text.split(separator: ",").map { String($0) })
    let known = Set(graph.kindLabels + NodeKind.allCases.map(\.name))
    for k in kinds.sorted() where !known.contains(k) {
      throw RequestError(
        option: text.option,
        message:
          "no node has kind '\(k)' (kinds here: \(Set(graph.kindLabels).sorted().joined(separator: ", ")))",
        suggestions: Suggestions.closest(to: k, in: known.sorted()))
    }
    return kinds
  }
}

extension AnalysisRequest {
  /// `sectors here` for the schema's fields, `values of country here` for an attribute.
  static func valuesHere(_ field: String) -> String {
    ["kind", "sector", "stage", "tier"].contains(field) ? "\(field)s here" : "values of \(field) here"
  }
}

extension AnalysisRequest {
  /// Checks that some node has a value for `attribute` (a schema field or a node attribute),
  /// for options that group nodes by one (`spof --group-by`, `concentration --by`).
  /// - Throws: ``RequestError`` naming the fields the graph has, with the closest ones.
  package static func checkAttribute(
    _ attribute: String, option: String, in graph: SupplyGraph
  ) throws(RequestError) {
    let known = (["kind", "sector", "stage", "tier"] + graph.nodeAttributes.names).filter {
      GroupFailures.values(of: $0, in: graph).contains { $0 != nil }
    }
    guard known.contains(attribute) else {
      throw RequestError(
        option: option,
        message: "no node has a field '\(attribute)' (fields here: \(known.joined(separator: ", ")))",
        suggestions: Suggestions.closest(to: attribute, in: known))
    }
  }
}
