import Foundation
import LinkageGraphviz
import LinkageTestSupport
import Testing

/// What a slide needs, measured on the SVG: text of 12 px or more once the picture is fitted
/// into 1920×1080, a legend that lists exactly what is drawn, and no legend part counted as a
/// node.
@Suite("slide-ready diagrams")
struct SlideReadabilityTests {
  /// The smallest text of an SVG in pixels once it is scaled to fit 1920×1080: font sizes are
  /// in user units under the graph's `scale(…)`, the viewBox is what gets fitted.
  static func smallestFittedText(_ svg: String) -> Double? {
    func number(after marker: String, in text: Substring) -> [Double] {
      text.components(separatedBy: marker).dropFirst().map {
        Double($0.prefix { "0123456789.-".contains($0) }) ?? .nan
      }
    }
    guard let box = svg.range(of: "viewBox=\"") else { return nil }
    let values = svg[box.upperBound...].prefix { $0 != "\"" }.split(separator: " ").compactMap {
      Double($0)
    }
    guard values.count == 4 else { return nil }
    let scale = number(after: "transform=\"scale(", in: Substring(svg)).first ?? 1
    let fonts = number(after: "font-size=\"", in: Substring(svg))
    guard let smallest = fonts.min() else { return nil }
    return smallest * scale * min(1920 / values[2], 1080 / values[3])
  }

  /// The SVG before the first node group: the background and the graph's label (title and
  /// legend).
  static func legendPart(_ svg: String) -> String {
    svg.components(separatedBy: "class=\"node\"")[0]
  }

  /// The fills of shapes (not text) in `text` (lowercased), without `none`, white and
  /// transparent.
  static func fills(_ text: String) -> Set<String> {
    var out = Set<String>()
    for element in text.components(separatedBy: "<").dropFirst()
    where element.hasPrefix("polygon") || element.hasPrefix("ellipse") || element.hasPrefix("path")
    {
      guard let at = element.range(of: "fill=\"") else { continue }
      let value = element[at.upperBound...].prefix { $0 != "\"" }.lowercased()
      if !["none", "white", "#ffffff", "transparent", "black", "#000000"].contains(value) {
        out.insert(value)
      }
    }
    return out
  }

  /// Every node group's background fill (the first filled shape of the group).
  static func nodeFills(_ svg: String) -> Set<String> {
    var out = Set<String>()
    for chunk in svg.components(separatedBy: "class=\"node\"").dropFirst() {
      let group = chunk.components(separatedBy: "</g>")[0]
      guard let text = group.range(of: "<text") else { continue }
      if let fill = fills(String(group[..<text.lowerBound])).first { out.insert(fill) }
    }
    return out
  }

  static let views: [[String]] =
    ContrastTests.views + [
      ["--focus", "kseed-silicon", "--radius", "2"],
      ["Datasets/eto-semiconductor", "--group-by", "country"],
      ["Datasets/eto-semiconductor", "--only", "kind=input"],
      ["Datasets/eto-semiconductor", "--view", "spof", "--top", "3"],
      ["Datasets/eto-semiconductor", "--focus", "asml", "--radius", "1"],
      // Summaries keep what the view marks.
      ["--view", "reach", "--robust", "--max-nodes", "20"],
      ["--view", "spof", "--max-nodes", "10"],
      ["--max-nodes", "10"],
    ]

  @Test("a summary keeps the view's marks and draws context bundles dashed")
  func summaryKeepsMeaning() throws {
    let folder = TestFiles.scratchFolder("summary-marks")
    let run = try CLIRunner.run([
      "render", "--view", "reach", "--robust", "--max-nodes", "20", "-o", folder + "/r.dot",
      "--quiet",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let dot = TestFiles.read(folder + "/r.dot")
    // The reach classes' fills and the fragile mark are on the groups, not sector colours.
    #expect(dot.contains("reach: dual") && dot.contains("dual, one failure away"))
    #expect(dot.contains("\"peripheries\"=\"2\""))
    #expect(dot.contains("\"fillcolor\"=\"#DDDDDD\""))  // reach: none (lumen-quantum's group)
    // Context links (funds, supports) are bundled apart from flow links, dashed.
    #expect(dot.contains("\"style\"=\"dashed\""))
    #expect(dot.contains("context: funds"))
    let spof = try CLIRunner.run([
      "render", "--view", "spof", "--max-nodes", "10", "-o", folder + "/s.dot", "--quiet",
    ])
    #expect(spof.status == 0, "\(spof.stderr)")
    let s = TestFiles.read(folder + "/s.dot")
    #expect(s.contains("\"fillcolor\"=\"#D55E00\"") && s.contains("single point of failure"))
  }

  @Test("fitted into 1920×1080, no text is smaller than 12 px", arguments: views)
  func readable(args: [String]) throws {
    let svg = try RenderViewTests.svg(args)
    let px = try #require(Self.smallestFittedText(svg))
    #expect(px >= 12 - 1e-6, "\(args): smallest text \(px) px")
  }

  @Test("the committed pictures in Graphs/ are readable on a slide too")
  func committed() throws {
    let folder = TestFiles.repositoryRoot + "/Graphs"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
      $0.hasSuffix(".svg")
    }
    #expect(!files.isEmpty)
    for file in files.sorted() {
      let svg = TestFiles.read(folder + "/" + file)
      let px = try #require(Self.smallestFittedText(svg), "\(file)")
      #expect(px >= 12 - 1e-6, "\(file): smallest text \(px) px")
      #expect(
        Self.fills(Self.legendPart(svg)) == Self.nodeFills(svg).subtracting(["#eeeeee"]), "\(file)")
    }
  }

  @Test("the legend's colour swatches are exactly the fills drawn", arguments: views)
  func legendColours(args: [String]) throws {
    let svg = try RenderViewTests.svg(args)
    let legend = Self.fills(Self.legendPart(svg))
    // The light grey of nodes without a sector is not a legend entry.
    #expect(legend == Self.nodeFills(svg).subtracting(["#eeeeee"]), "\(args)")
  }

  @Test("the legend names the shape of each kind drawn, and no other", arguments: views)
  func legendShapes(args: [String]) throws {
    let path = TestFiles.scratchFolder("legend") + "/v.dot"
    let run = try CLIRunner.run(["render"] + args + ["-o", path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let dot = TestFiles.read(path)
    let drawn = Set(
      dot.components(separatedBy: "\"shape\"=\"").dropFirst().map {
        String($0.prefix { $0 != "\"" })
      })
    let line = try #require(dot.components(separatedBy: "Shapes — ").dropFirst().first)
      .components(separatedBy: "</TD>")[0]
    let listed = Set(
      line.components(separatedBy: " · ").compactMap { $0.components(separatedBy: ": ").last })
    let names: [String: String] = [
      "ellipse": "oval", "box": "box", "box3d": "3-D box", "doubleoctagon": "double octagon",
      "hexagon": "hexagon", "tab": "tab", "note": "note", "component": "component",
      "plaintext": "plain text",
    ]
    #expect(listed == Set(drawn.compactMap { names[$0] }), "\(args): \(line)")
  }

  @Test("the SVG counts only graph nodes: the legend is the graph's label", arguments: views)
  func legendIsNotNodes(args: [String]) throws {
    let folder = TestFiles.scratchFolder("legend-nodes")
    for name in ["v.svg", "v.dot"] {
      let run = try CLIRunner.run(["render"] + args + ["-o", folder + "/" + name, "--quiet"])
      #expect(run.status == 0, "\(run.stderr)")
    }
    let svg = TestFiles.read(folder + "/v.svg")
    let dot = TestFiles.read(folder + "/v.dot")
    let dotNodes = dot.split(separator: "\n").filter {
      $0.trimmingCharacters(in: .whitespaces).hasPrefix("\"") && !$0.contains(" -> ")
        && $0.contains("[")
    }.count
    #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == dotNodes, "\(args)")
    #expect(!Self.legendPart(svg).contains("class=\"node\""))
  }

  @Test("--size and --dpi: a PNG fits the frame; bad sizes are usage errors")
  func frames() throws {
    let folder = TestFiles.scratchFolder("frames")
    for (size, dpi, w, h) in [
      ("16:9", 96, 1920, 1080), ("1280x720", 96, 1280, 720), ("6.5x4in", 150, 975, 600),
      ("4:3", 96, 1440, 1080),
    ] {
      let file = folder + "/f.png"
      let run = try CLIRunner.run([
        "render", "--size", size, "--dpi", String(dpi), "-o", file, "--quiet",
      ])
      #expect(run.status == 0, "\(run.stderr)")
      let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
      let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
      let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
      #expect(width <= w && height <= h, "\(size): \(width)x\(height)")
      #expect(width == w || height == h || (width < w && height < h), "\(size)")
    }
    for bad in ["wide", "0x0", "16:0", "1920x", "99999x10"] {
      let run = try CLIRunner.run(["render", "--size", bad, "-o", folder + "/x.svg"])
      #expect(run.status == 64, "\(bad): \(run.stderr)")
      #expect(run.stderr.contains("--size"), "\(bad): \(run.stderr)")
    }
    #expect(try CLIRunner.run(["render", "--dpi", "5", "-o", folder + "/x.svg"]).status == 64)
    for (bad, says) in [("nosuch", "no node has a field 'nosuch'"), (",", "field names")] {
      let run = try CLIRunner.run(["render", "--group-by", bad, "-o", folder + "/x.svg"])
      #expect(run.status == 64 && run.stderr.contains(says), "\(bad): \(run.stderr)")
    }
    // Other resolutions stay inside the frame too (Graphviz rounds a scaled bitmap up by a
    // few pixels at some of them; the renderer draws such a PNG again, smaller).
    for dpi in [150, 200, 300, 600, 1200] {
      let file = folder + "/d.png"
      #expect(try CLIRunner.run(["render", "--dpi", String(dpi), "-o", file, "--quiet"]).status == 0)
      let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
      let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
      let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
      #expect(width <= 1920 && height <= 1080, "dpi \(dpi): \(width)x\(height)")
    }
  }

  @Test("a frame too small for the view says so and offers what would be readable")
  func tooSmall() throws {
    let folder = TestFiles.scratchFolder("frames")
    let run = try CLIRunner.run(["render", "--size", "400x300", "-o", folder + "/s.svg"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("400x300 px"), "\(run.stderr)")
    #expect(run.stderr.contains("--focus ID"), "\(run.stderr)")
  }
}
