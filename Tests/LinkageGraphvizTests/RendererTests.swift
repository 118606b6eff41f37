import Foundation
import LinkageCore
import LinkageGraphviz
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Collects the titles of node and edge groups while checking that the SVG is well-formed XML.
final class SVGReader: NSObject, XMLParserDelegate {
  var nodes = 0, edges = 0
  var texts: [String] = []
  private var inText = false
  private var current = ""

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    if name == "g", attributes["class"] == "node" { nodes += 1 }
    if name == "g", attributes["class"] == "edge" { edges += 1 }
    if name == "text" {
      inText = true
      current = ""
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inText { current += string }
  }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    if name == "text" {
      texts.append(current)
      inText = false
    }
  }

  static func read(_ bytes: [UInt8]) -> SVGReader? {
    let reader = SVGReader()
    let parser = XMLParser(data: Data(bytes))
    parser.delegate = reader
    return parser.parse() ? reader : nil
  }
}

@Suite("Graphviz in process")
struct RendererTests {
  static let hostile = [
    "quote \" inside", "back\\slash", "{braces}", "<b>html</b>", "a & b", "line\nbreak",
    "\\N\\G\\l",
    "한국어 이름", "日本語", "semi;colon", String(repeating: "long ", count: 2000), "-> edge",
    "digraph { x }",
    "شركة عربية", "emoji 🚀🙂", "<TABLE><TR><TD>x</TD></TR></TABLE>",
  ]

  static func diagram() -> Diagram {
    var d = Diagram(name: "hostile")
    d.graphAttributes = [("rankdir", "LR")]
    for (i, name) in hostile.enumerated() {
      d.nodes.append(.init(key: "n\(i)", label: name, rankGroup: "tier\(i % 3)"))
      if i > 0 { d.edges.append(.init(source: "n\(i - 1)", target: "n\(i)", label: name)) }
    }
    d.nodes.append(
      .init(key: "html", label: "", htmlLabel: "<B>" + Diagram.escapeXML("x < y & \"z\"") + "</B>"))
    return d
  }

  @Test("hostile names render as text, never as graph structure")
  func hostileNames() throws {
    let svg = String(
      decoding: try GraphvizRenderer.render(Self.diagram(), format: .svg), as: UTF8.self)
    #expect(svg.contains("<svg"))
    // Exactly one node per entry: no name turned into extra nodes or edges.
    #expect(
      (svg.split(separator: "class=\"node\"", omittingEmptySubsequences: false).count - 1) == Self
        .hostile.count + 1)
    #expect(
      (svg.split(separator: "class=\"edge\"", omittingEmptySubsequences: false).count - 1) == Self
        .hostile.count - 1)
    #expect(svg.contains("quote &quot; inside"))
    #expect(svg.contains("back\\slash"))
    #expect(svg.contains("&lt;b&gt;html&lt;/b&gt;"))
    #expect(svg.contains("a &amp; b"))
    #expect(svg.contains("한국어 이름"))
    #expect(svg.contains("\\N\\G\\l"))
    #expect(svg.contains("x &lt; y &amp; &quot;z&quot;"))
  }

  @Test("DOT text reads back with exactly the keys written, whatever they contain")
  func dotRoundTrip() throws {
    // A key ending in a backslash used to escape the closing quote (dot rejected the file).
    let keys = [
      "ends\\", "ends\\\\", "\\", "\\\"", "quote \" inside", "back\\slash", "a\\\"b", "-> x",
      "digraph { y }", "한국어\\", "plain",
    ]
    var d = Diagram(name: "keys\\")
    for (i, key) in keys.enumerated() {
      d.nodes.append(.init(key: key, label: key + "\\", rankGroup: "g\\\(i % 2)"))
      if i > 0 { d.edges.append(.init(source: keys[i - 1], target: key, label: key)) }
    }
    d.graphAttributes = [("label", "title ends \\")]
    let text = DOTWriter.text(of: d)
    let names = try #require(GraphvizRenderer.nodeNames(ofDOT: text), "dot rejects:\n\(text)")
    #expect(names.sorted() == keys.sorted())
    // And a random mix of the characters DOT treats specially.
    var rng = SeededRandom(seed: 11)
    let alphabet: [Character] = ["\\", "\"", "a", " ", "{", "}", ";", "-", ">", "<", "&", "\n"]
    for _ in 0..<200 {
      let key = String(
        (0..<Int(1 + rng.next() % 8)).map { _ in
          alphabet[Int(rng.next() % UInt64(alphabet.count))]
        })
      var one = Diagram(name: "one")
      one.nodes.append(.init(key: key, label: key))
      let read = GraphvizRenderer.nodeNames(ofDOT: DOTWriter.text(of: one))
      // Exact, except for an id that no DOT form holds (backslashes or line breaks, and
      // unbalanced angle brackets): still valid DOT.
      var depth = 0
      var balanced = true
      for c in key {
        if c == "<" { depth += 1 }
        if c == ">" { depth -= 1 }
        if depth < 0 { balanced = false }
      }
      if balanced && depth == 0 || !(key.contains("\\") || key.contains("\n")) {
        #expect(read == [key], "\(key.debugDescription)")
      } else {
        #expect(read?.count == 1, "\(key.debugDescription)")
      }
    }
  }

  @Test(
    "the SVG is well-formed XML with exactly the input's nodes and edges, and shows the text literally"
  )
  func parsedSVG() throws {
    let reader = try #require(
      SVGReader.read(try GraphvizRenderer.render(Self.diagram(), format: .svg)))
    #expect(reader.nodes == Self.hostile.count + 1)
    #expect(reader.edges == Self.hostile.count - 1)
    let text = reader.texts.joined(separator: "\n")
    for name in [
      "quote \" inside", "back\\slash", "{braces}", "<b>html</b>", "a & b", "\\N\\G\\l",
      "شركة عربية", "emoji 🚀🙂", "digraph { x }",
    ] {
      #expect(text.contains(name), "\(name)")
    }
    #expect(text.contains("line") && text.contains("break"))
  }

  @Test(
    "labelled edges inside a rank group render (dot 2.42 corrupts its heap on flat edge labels)",
    arguments: 0..<80)
  func flatEdgeLabels(seed: Int) throws {
    var rng = SeededRandom(seed: UInt64(seed) &+ 42)
    var d = Diagram(name: "flat")
    d.graphAttributes = [("rankdir", rng.below(2) == 0 ? "LR" : "TB")]
    let n = 4 + rng.below(22)
    for i in 0..<n {
      let group: String? = rng.below(3) == 0 ? nil : "tier\(rng.below(3))"
      d.nodes.append(.init(key: "n\(i)", label: "Node \(i)", rankGroup: group))
    }
    for _ in 0..<(n + rng.below(2 * n)) {
      let (s, t) = (rng.below(n), rng.below(n))
      d.edges.append(
        .init(source: "n\(s)", target: "n\(t)", label: rng.below(4) == 0 ? nil : "part \(s)-\(t)"))
    }
    let attributes = d.edgeLabelAttributes()
    for (i, e) in d.edges.enumerated() {
      let gs = d.nodes.first { $0.key == e.source }?.rankGroup
      let gt = d.nodes.first { $0.key == e.target }?.rankGroup
      #expect(attributes[i] == (gs != nil && gs == gt ? "xlabel" : "label"))
    }
    let svg = try GraphvizRenderer.render(d, format: .svg)
    let reader = try #require(SVGReader.read(svg))
    #expect(reader.nodes == n)
    #expect(reader.edges == d.edges.count)
    // Every label is still drawn, inline or external.
    for e in d.edges { if let l = e.label { #expect(reader.texts.contains(l), "label \(l)") } }
  }

  @Test("PNG and PDF have valid headers and sensible dimensions")
  func headers() throws {
    let png = try GraphvizRenderer.render(Self.diagram(), format: .png)
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
    #expect(width > 50 && height > 50 && width < 40_000 && height < 40_000, "\(width)×\(height)")
    let pdf = try GraphvizRenderer.render(Self.diagram(), format: .pdf)
    #expect(Array(pdf.prefix(5)) == Array("%PDF-".utf8))
  }

  @Test("the same diagram gives the same bytes, in SVG and PNG")
  func deterministic() throws {
    let a = try GraphvizRenderer.render(Self.diagram(), format: .svg)
    let b = try GraphvizRenderer.render(Self.diagram(), format: .svg)
    #expect(a == b)
    let p = try GraphvizRenderer.render(Self.diagram(), format: .png)
    let q = try GraphvizRenderer.render(Self.diagram(), format: .png)
    #expect(p == q)
    #expect(Array(p.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
  }
}
