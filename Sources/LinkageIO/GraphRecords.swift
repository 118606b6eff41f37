import LinkageCore

/// The fields of each node and edge in the order every writer puts them: the schema's fields
/// first (`id, name, kind, sector, stage, tier, requires` / `source, target, relation, part`),
/// then attributes in column order. Writers share it so all encodings agree.
struct GraphRecords {
  let graph: SupplyGraph

  func node(_ v: NodeIndex) -> [Attribute] {
    var fields: [Attribute] = [Attribute(name: "id", value: .string(graph.id(of: v)))]
    if let n = graph.writtenName(of: v) { fields.append(.init(name: "name", value: .string(n))) }
    if let k = graph.kindLabel(of: v) { fields.append(.init(name: "kind", value: .string(k))) }
    if let s = graph.sectorLabel(of: v) { fields.append(.init(name: "sector", value: .string(s))) }
    if let s = graph.stageLabel(of: v) { fields.append(.init(name: "stage", value: .string(s))) }
    if let t = graph.tier(of: v) { fields.append(.init(name: "tier", value: .number(Double(t)))) }
    if let r = graph.requirement(of: v).name {
      fields.append(.init(name: "requires", value: .string(r)))
    }
    fields.append(contentsOf: graph.nodeAttributes.values(at: Int(v)))
    return fields
  }

  func edge(_ e: EdgeIndex) -> [Attribute] {
    var fields: [Attribute] = [
      Attribute(name: "source", value: .string(graph.id(of: graph.source(of: e)))),
      Attribute(name: "target", value: .string(graph.id(of: graph.target(of: e)))),
      Attribute(name: "relation", value: .string(graph.relation(of: e).name)),
    ]
    if let p = graph.part(of: e) { fields.append(.init(name: "part", value: .string(p))) }
    fields.append(contentsOf: graph.edgeAttributes.values(at: Int(e)))
    return fields
  }

  /// The node columns in use, in writing order.
  var nodeColumns: [String] {
    var c = ["id", "name", "kind"]
    if graph.sectorLabels.count > 0 { c.append("sector") }
    if graph.stageLabels.count > 0 { c.append("stage") }
    if graph.nodes.contains(where: { graph.tier(of: $0) != nil }) { c.append("tier") }
    if graph.requirements.contains(where: { $0 != .unspecified }) { c.append("requires") }
    return c + graph.nodeAttributes.names
  }

  var edgeColumns: [String] {
    var c = ["source", "target", "relation"]
    if graph.partLabels.count > 0 { c.append("part") }
    return c + graph.edgeAttributes.names
  }
}

/// Writes a graph in one encoding.
package protocol GraphWriter {
  /// Writes `graph` to `path` (a file, or a folder for CSV), atomically per file.
  func write(_ graph: SupplyGraph, to path: String) throws(InputError)
  /// What of `graph` this encoding cannot hold, one sentence each (the loss report); empty
  /// when the graph is written whole.
  func losses(in graph: SupplyGraph) -> [String]

  /// What to do with the written files next (the command that imports them), one line each.
  func nextSteps(at path: String, for graph: SupplyGraph) -> [String]
}

extension GraphWriter {
  package func losses(in graph: SupplyGraph) -> [String] { [] }
  package func nextSteps(at path: String, for graph: SupplyGraph) -> [String] { [] }
}

extension GraphEncoding {
  /// The writer of this encoding.
  package var writer: any GraphWriter {
    switch self {
    case .yaml: YAMLGraphWriter()
    case .json: JSONGraphWriter()
    case .nodeLink: JSONGraphWriter(nodeLink: true)
    case .graphml: GraphMLGraphWriter()
    case .gexf: GEXFGraphWriter()
    case .neo4j: Neo4jExportWriter()
    case .graphframes: GraphFramesExportWriter()
    case .dot: DOTDataWriter()
    case .xlsx:
      RefusingWriter(
        message:
          "Linkage reads .xlsx workbooks but does not write them: write the CSV pair (a folder) and open its files in Excel"
      )
    case .csv: CSVGraphWriter()
    }
  }

  /// The encoding an input file's extension names (`.yaml`/`.yml`, `.json`, `.graphml`,
  /// `.gexf`, `.csv`), or `nil` when its content must tell (`.xml`, `.txt`, none, …).
  package static func forInputPath(_ path: String) -> GraphEncoding? {
    let lower = path.lowercased()
    if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
    if lower.hasSuffix(".json") { return .json }
    if lower.hasSuffix(".graphml") { return .graphml }
    if lower.hasSuffix(".gexf") { return .gexf }
    if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") || lower.hasSuffix(".xls") {
      return .xlsx
    }
    if lower.hasSuffix(".csv") { return .csv }
    return nil
  }

  /// The encoding a path's extension names: `.yaml`/`.yml`, `.json`; a folder (no extension,
  /// a trailing `/`, or `.csv`) is CSV; any other extension (`out.txt`) names none (nil), so
  /// a typo does not become a folder.
  package static func forPath(_ path: String) -> GraphEncoding? {
    let lower = path.lowercased()
    if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
    if lower.hasSuffix(".json") { return .json }
    if lower.hasSuffix(".graphml") { return .graphml }
    if lower.hasSuffix(".gexf") { return .gexf }
    if lower.hasSuffix(".dot") || lower.hasSuffix(".gv") { return .dot }
    if lower.hasSuffix(".xlsx") { return .xlsx }
    if lower.hasSuffix("/") || lower.hasSuffix(".csv") { return .csv }
    let last = lower.split(separator: "/").last ?? ""
    if !last.contains(".") || FileAccess.kind(of: path) == .directory { return .csv }
    return nil
  }

  /// The files writing `encoding` to `path` creates or replaces.
  package static func writtenFiles(_ encoding: GraphEncoding, at path: String) -> [String] {
    switch encoding {
    case .yaml, .json, .nodeLink, .graphml, .gexf, .dot, .xlsx: [path]
    case .neo4j:
      ["nodes.csv", "relationships.csv", "load.cypher"].map {
        (path.hasSuffix("/") ? path : path + "/") + $0
      }
    case .graphframes:
      ["vertices.csv", "edges.csv"].map { (path.hasSuffix("/") ? path : path + "/") + $0 }
    case .csv:
      // A `.csv` path names the pair in its folder (`out/nodes.csv` writes out/nodes.csv,
      // out/edges.csv, …); any other path is the folder itself.
      path.lowercased().hasSuffix(".csv")
        ? [path]
          + ["nodes.csv", "edges.csv", "meta.csv"].map {
            (path.contains("/") ? String(path[...path.lastIndex(of: "/")!]) : "") + $0
          }
        : ["nodes.csv", "edges.csv", "meta.csv"].map {
          (path.hasSuffix("/") ? path : path + "/") + $0
        }
    }
  }
}
