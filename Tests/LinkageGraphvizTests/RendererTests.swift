import LinkageCore
import LinkageGraphviz
import Testing

@Suite("Graphviz in process")
struct RendererTests {
  static let hostile = [
    "quote \" inside", "back\\slash", "{braces}", "<b>html</b>", "a & b", "line\nbreak",
    "\\N\\G\\l",
    "한국어 이름", "日本語", "semi;colon", String(repeating: "long ", count: 2000), "-> edge",
    "digraph { x }",
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
