import Foundation
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
    #expect(svg.contains(">#1 verified_in<") || svg.contains(">#1,#2 verified_in<"))
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
