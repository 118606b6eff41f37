import Foundation
import LinkageGraphviz
import LinkageTestSupport
import Testing

@Suite("linkage render views")
struct RenderViewTests {
  /// Text as Graphviz writes it in SVG ('-' becomes &#45;).
  static func esc(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "&#45;") }

  static func svg(_ args: [String]) throws -> String {
    let path = TestFiles.scratchFolder("views") + "/v.svg"
    let run = try CLIRunner.run(["render"] + args + ["-o", path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    return TestFiles.read(path)
  }

  /// The SVG group of the node with this id (Graphviz titles each node group with its key).
  static func group(_ svg: String, _ id: String) -> String {
    guard let start = svg.range(of: "<title>\(esc(id))</title>") else { return "" }
    let rest = svg[start.upperBound...]
    return String(rest.prefix { $0 != "<" || !rest.hasPrefix("</g>") }.prefix(600))
  }

  @Test("spof: the single point of failure is red and the buyers it cuts are outlined")
  func spof() throws {
    let svg = try Self.svg(["--view", "spof"])
    #expect(svg.contains("single points of failure (parts semantics, top 1 of 1"))
    #expect(Self.group(svg, "kseed-silicon").contains("fill=\"#d55e00\""))
    #expect(Self.group(svg, "navy").contains("stroke=\"#d55e00\""))
    #expect(Self.group(svg, "nuri-electronics").contains("stroke=\"#d55e00\""))
    #expect(
      !svg.contains("<title>\(Self.esc("lumen-quantum"))</title>"),
      "only what matters, plus context")
  }

  @Test("paths: the routes are bold and numbered by rank")
  func paths() throws {
    let svg = try Self.svg(["--view", "paths", "--from", "argos-vision", "-k", "2"])
    #expect(svg.contains("2 best routes from"))
    // Both routes start with the startup's demonstration: one edge labelled with both ranks.
    // qualifies, the commonest relation drawn, is the one without labels, named once in the
    // legend; the others keep their relation on the edge.
    #expect(svg.contains(">#1,#2 verified_in<"))
    #expect(svg.contains(">flow: qualifies<"))
    #expect(svg.contains(">#1<") && svg.contains(">#2<"))
    #expect(svg.contains("stroke=\"#0072b2\""))
  }

  @Test("reach: classes are colored and fragile dual nodes marked")
  func reach() throws {
    let svg = try Self.svg(["--view", "reach", "--robust"])
    #expect(svg.contains(Self.esc("dual-use reach (robustness marked)")))
    #expect(Self.group(svg, "lumen-quantum").contains("fill=\"#dddddd\""))
    #expect(Self.group(svg, "argos-vision").contains("fill=\"#009e73\""))
    #expect(svg.contains(Self.esc("reach: industry-only")))
  }
}

@Suite("Diagram text contrast (WCAG AA)")
struct ContrastTests {
  /// The luminance of an SVG colour as Graphviz writes it (`#rrggbb`, `black`, `white`).
  static func luminance(_ colour: String) -> Double? {
    switch colour.lowercased() {
    case "black": 0
    case "white": 1
    default: TextContrast.luminance(colour.uppercased())
    }
  }

  /// Every node group's text colours against its fill, as (node title, ratio).
  static func pairs(_ svg: String) -> [(String, Double)] {
    var out: [(String, Double)] = []
    for chunk in svg.components(separatedBy: "class=\"node\"").dropFirst() {
      let group = chunk.components(separatedBy: "</g>")[0]
      let title =
        group.components(separatedBy: "<title>").dropFirst().first?
        .components(separatedBy: "</title>").first ?? "?"
      // The first shape with a fill is the node's background.
      var fill = "white"
      for shape in ["<polygon", "<ellipse", "<path"] {
        guard let r = group.range(of: shape) else { continue }
        let rest = group[r.upperBound...]
        if let f = rest.range(of: "fill=\"") {
          let value = rest[f.upperBound...].prefix { $0 != "\"" }
          if value != "none" {
            fill = String(value)
            break
          }
        }
      }
      for text in group.components(separatedBy: "<text").dropFirst() {
        let head = text.prefix { $0 != ">" }
        var colour = "black"
        if let f = head.range(of: "fill=\"") {
          colour = String(head[f.upperBound...].prefix { $0 != "\"" })
        }
        guard let lf = luminance(fill), let lt = luminance(colour) else { continue }
        out.append((title, TextContrast.ratio(lf, lt)))
      }
    }
    return out
  }

  static let views: [[String]] = [
    ["--view", "structure"], ["--view", "spof"], ["--view", "reach", "--robust"],
    ["--view", "paths", "--from", "argos-vision", "-k", "3"],
    ["Datasets/eto-semiconductor", "--view", "spof"],
    ["Datasets/eto-semiconductor", "--view", "structure"],
    ["Datasets/eto-semiconductor", "--view", "reach"],
  ]

  @Test("every node's text has at least 4.5:1 contrast with its fill", arguments: views)
  func everyView(args: [String]) throws {
    let svg = try RenderViewTests.svg(args)
    let pairs = Self.pairs(svg)
    #expect(!pairs.isEmpty)
    for (node, ratio) in pairs {
      #expect(ratio >= TextContrast.minimum, "\(args): \(node) has \(ratio):1")
    }
  }

  @Test("the committed pictures in Graphs/ meet it too")
  func committed() throws {
    let folder = TestFiles.repositoryRoot + "/Graphs"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
      $0.hasSuffix(".svg")
    }
    #expect(!files.isEmpty)
    for file in files.sorted() {
      for (node, ratio) in Self.pairs(TestFiles.read(folder + "/" + file)) {
        #expect(ratio >= TextContrast.minimum, "\(file): \(node) has \(ratio):1")
      }
    }
  }

  @Test("luminance and ratio match the WCAG definition")
  func definition() {
    #expect(TextContrast.luminance("#FFFFFF") == 1)
    #expect(TextContrast.luminance("#000000") == 0)
    #expect(abs(TextContrast.ratio(1, 0) - 21) < 1e-12)
    // Reference values (WCAG formula): #0072B2 on #009E73 is about 1.4:1, unreadable.
    let blue = TextContrast.luminance("#0072B2") ?? -1
    let green = TextContrast.luminance("#009E73") ?? -1
    #expect(abs(blue - 0.1525) < 1e-3 && abs(green - 0.2569) < 1e-3)
    #expect(TextContrast.ratio(blue, green) < 1.6)
    #expect(TextContrast.luminance("red") == nil)
  }

  @Test("spof --loss view: failures sized by value lost, targets labelled with what they keep")
  func lossView() throws {
    let folder = TestFiles.scratchFolder("loss-view")
    let run = try CLIRunner.run([
      "render", "--view", "spof", "--loss", "--top", "3", "-o", folder + "/l.svg", "--quiet",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let svg = TestFiles.read(folder + "/l.svg")
    #expect(svg.contains("share&#45;weighted loss"))
    #expect(svg.contains("#1: loses 16"))
    #expect(svg.contains("keeps 0% (#1), 30% (#2), 50% (#3)"))
    let wrong = try CLIRunner.run(["render", "--loss", "-o", folder + "/x.svg"])
    #expect(wrong.status == 64)
  }

  @Test("spof --stress view: failures sized by shortfall, exposed targets with the day they run out")
  func stressView() throws {
    let folder = TestFiles.scratchFolder("stress-view")
    let run = try CLIRunner.run([
      "render", "--view", "spof", "--stress", "-o", folder + "/s.svg", "--quiet",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let svg = TestFiles.read(folder + "/s.svg")
    #expect(svg.contains("time to survive vs time to recover"))
    // korea-ax's planted exposure: kseed-silicon (ttr 300) and nuri-electronics (day 255).
    #expect(svg.contains("#1: ttr 300 d, 315 value&#45;days short"))
    #expect(svg.contains("runs out day 255 (#1)"))
    #expect(svg.contains("1 exposure,"))
    for wrong in [["render", "--stress", "-o", folder + "/x.svg"],
                  ["render", "--view", "spof", "--stress", "--loss", "-o", folder + "/x.svg"]] {
      #expect(try CLIRunner.run(wrong).status == 64)
    }
  }

  @Test("pipeline view: programs by stage with their agencies, startups with their highest stage, stalled framed")
  func pipelineView() throws {
    let folder = TestFiles.scratchFolder("pipeline-view")
    let run = try CLIRunner.run(["render", "--view", "pipeline", "-o", folder + "/p.svg", "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let svg = TestFiles.read(folder + "/p.svg")
    #expect(svg.contains("the pipeline: technology"))
    #expect(svg.contains("verification · mnd"))
    #expect(svg.contains("breaks technology→verification"))
    #expect(svg.contains("stalled startup"))
    #expect(svg.contains("11 reaching no program not drawn"))
  }
}
