/// A diagram to lay out: nodes and edges with Graphviz attributes, in the order they are
/// inserted (callers sort them, so output is reproducible).
public struct Diagram: Sendable {
  public struct Node: Sendable {
    /// The unique key Graphviz knows the node by (never shown).
    public var key: String
    /// A plain label (escaped before Graphviz sees it), unless `htmlLabel` is given.
    public var label: String
    /// An HTML-like label; its text must already be XML-escaped (``Diagram/escapeXML(_:)``).
    public var htmlLabel: String?
    /// Nodes with the same group share a rank (a tier column in left-to-right layouts).
    public var rankGroup: String?
    public var attributes: [(String, String)]

    public init(
      key: String, label: String, htmlLabel: String? = nil, rankGroup: String? = nil,
      attributes: [(String, String)] = []
    ) {
      self.key = key
      self.label = label
      self.htmlLabel = htmlLabel
      self.rankGroup = rankGroup
      self.attributes = attributes
    }
  }

  public struct Edge: Sendable {
    public var source: String
    public var target: String
    public var label: String?
    public var attributes: [(String, String)]

    public init(
      source: String, target: String, label: String? = nil, attributes: [(String, String)] = []
    ) {
      self.source = source
      self.target = target
      self.label = label
      self.attributes = attributes
    }
  }

  public var name: String
  public var graphAttributes: [(String, String)] = []
  /// The graph's own HTML-like label (a title with its legend), already XML-escaped; drawn
  /// as part of the graph, not as nodes.
  public var htmlLabel: String?
  public var nodeDefaults: [(String, String)] = []
  public var edgeDefaults: [(String, String)] = []
  public var nodes: [Node] = []
  public var edges: [Edge] = []

  public init(name: String) { self.name = name }

  /// Escapes a plain label: Graphviz reads `\N`, `\G`, `\n`, `\l` and `&amp;`-style entities
  /// in labels, so `\` and `&` are escaped; line breaks become `\n`.
  public static func escapePlain(_ text: String) -> String {
    var out = ""
    for c in text.unicodeScalars {
      switch c {
      case "\\": out += "\\\\"
      case "&": out += "&amp;"
      case "\n": out += "\\n"
      case "\r": break
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// Escapes text for an HTML-like label.
  public static func escapeXML(_ text: String) -> String {
    var out = ""
    for c in text.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n": out += "<BR/>"
      default:
        if c.value < 0x20 { continue }
        out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
