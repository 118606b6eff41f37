import Foundation
import LinkageTestSupport
import Testing

@Suite("linkage render")
struct RenderCLITests {
  @Test("SVG, PNG and DOT of the default dataset; same input, same bytes")
  func formats() throws {
    let folder = TestFiles.scratchFolder("render")
    for name in ["a.svg", "b.svg", "a.png", "b.png", "a.dot"] {
      let run = try CLIRunner.run(["render", "-o", folder + "/" + name, "--quiet"])
      #expect(run.status == 0, "\(run.stderr)")
    }
    let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.svg"))
    let b = try Data(contentsOf: URL(fileURLWithPath: folder + "/b.svg"))
    #expect(a == b && !a.isEmpty)
    let pa = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.png"))
    let pb = try Data(contentsOf: URL(fileURLWithPath: folder + "/b.png"))
    #expect(pa == pb && pa.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    let svg = String(decoding: a, as: UTF8.self)
    #expect(svg.contains("케이시드반도체 (KSeed Semiconductor)"))
    #expect(svg.contains("Noto Sans CJK KR"))
    let dot = TestFiles.read(folder + "/a.dot")
    #expect(dot.hasPrefix("digraph \"korea-ax\" {"))
    #expect(dot.contains("\"kseed-silicon\" -> \"arum-compute\" [\"xlabel\"=\"npu\"]"))
  }

  @Test("--focus draws the neighborhood; a big graph is summarized and says so")
  func focusAndSummary() throws {
    let folder = TestFiles.scratchFolder("render")
    let focus = try CLIRunner.run([
      "render", "--focus", "argos-vision", "--radius", "1", "-o", folder + "/f.svg",
    ])
    #expect(focus.status == 0 && focus.stderr.contains("(svg, 2 nodes)"), "\(focus.stderr)")
    #expect(
      try CLIRunner.run([
        "generate", "--nodes", "3000", "--seed", "2", "-o", folder + "/g", "--quiet",
      ]).status == 0)
    let big = try CLIRunner.run([
      "render", folder + "/g", "--max-nodes", "500", "-o", folder + "/g.svg",
    ])
    #expect(big.status == 0)
    #expect(big.stderr.contains("3000 nodes are more than --max-nodes 500"))
    #expect(
      TestFiles.read(folder + "/g.svg").contains(
        "summarized: 3000 nodes in groups by kind and tier"))
    #expect(
      try CLIRunner.run(["render", "--focus", "argos", "-o", folder + "/x.svg"]).status == 64)
    #expect(try CLIRunner.run(["render", "-o", folder + "/x.bmp"]).status == 64)
  }

  @Test("the legend is part of the graph's label: ids like legend keys stay graph nodes")
  func legendIsNotNodes() throws {
    let folder = TestFiles.scratchFolder("render-legend")
    try FileManager.default.createDirectory(atPath: folder + "/g", withIntermediateDirectories: true)
    try """
      id,name,kind,sector
      legend-kind-buyer,Looks like a legend key,buyer,defense
      legend-sector-dual,Another,supplier,
      legend-overlay-0,Third,startup,industry
      ends\\,Backslash at the end,supplier,
      """.write(toFile: folder + "/g/nodes.csv", atomically: true, encoding: .utf8)
    try """
      source,target,relation
      legend-overlay-0,legend-sector-dual,supplies
      legend-sector-dual,legend-kind-buyer,sells_to
      ends\\,legend-sector-dual,supplies
      """.write(toFile: folder + "/g/edges.csv", atomically: true, encoding: .utf8)
    for view in ["structure", "spof", "reach"] {
      let run = try CLIRunner.run([
        "render", folder + "/g", "--view", view, "-o", folder + "/\(view).svg", "--quiet",
      ])
      #expect(run.status == 0, "\(run.stderr)")
      let svg = TestFiles.read(folder + "/\(view).svg")
      let nodes = svg.components(separatedBy: "class=\"node\"").count - 1
      #expect(nodes == 4, "\(view): \(nodes) node groups")
      #expect(svg.contains("Looks like a legend key") && svg.contains("Legend"))
    }
    // The DOT of an id ending in a backslash is DOT that Graphviz reads.
    let dot = try CLIRunner.run(["render", folder + "/g", "-o", folder + "/g.dot", "--quiet"])
    #expect(dot.status == 0, "\(dot.stderr)")
    #expect(TestFiles.read(folder + "/g.dot").contains("<ends\\>"))
  }
}
