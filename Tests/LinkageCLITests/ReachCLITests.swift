import Foundation
import LinkageTestSupport
import Testing

@Suite("linkage reach")
struct ReachCLITests {
  static func nodes(_ args: [String]) throws -> [String: [String: Any]] {
    let run = try CLIRunner.run(["reach"] + args + ["--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let result = try #require(try LinkageCLITests.json(run)["result"] as? [String: Any])
    let nodes = try #require(result["nodes"] as? [[String: Any]])
    return Dictionary(uniqueKeysWithValues: nodes.map { ($0["id"] as! String, $0) })
  }

  @Test("korea-ax: the planted dual-use startups are dual, lumen-quantum reaches nothing")
  func planted() throws {
    let nodes = try Self.nodes(["--robust"])
    let dual = [
      "argos-vision", "haneul-ai", "dasom-robotics", "bitna-autonomy", "sori-acoustics",
      "tori-sense", "pado-marine",
      "ujoo-space", "gaia-energy", "byeolbit-security", "ieum-link", "dure-twin", "hwasal-edge",
    ]
    for id in dual { #expect(nodes[id]?["class"] as? String == "dual", "\(id)") }
    #expect(nodes["lumen-quantum"]?["class"] as? String == "none")
    for id in ["gureum-drone", "nabi-vision"] {
      #expect(nodes[id]?["class"] as? String == "defense-only")
    }
    let startups = nodes.values.filter { $0["kind"] as? String == "startup" }
    #expect(startups.filter { $0["class"] as? String == "dual" }.count == 13)
    // argos-vision reaches industry only through the defense demonstration.
    let argos = try #require(nodes["argos-vision"])
    let witness = try #require(argos["witness"] as? [String: Any])
    #expect(
      witness["industry"] as? [String] == [
        "argos-vision", "prog-defense-demo", "daehan-shipbuilding",
      ])
    let fragile = try #require(argos["fragile_to"] as? [String: Any])
    #expect((fragile["industry"] as? [String])?.contains("prog-defense-demo") == true)
    #expect(argos["estimated"] as? Bool == false)
  }

  @Test("bounds narrow the reach; JSON states them")
  func bounds() throws {
    let one = try Self.nodes(["--max-hops", "1"])
    #expect(one["argos-vision"]?["class"] as? String == "none")
    let two = try Self.nodes(["--max-hops", "2"])
    #expect(two["argos-vision"]?["class"] as? String == "dual")
    // argos-vision: 180 days into the demonstration, then 120 to army, 180 to daehan-shipbuilding.
    #expect(
      try Self.nodes(["--max-lead-time", "250"])["argos-vision"]?["class"] as? String == "none")
    #expect(
      try Self.nodes(["--max-lead-time", "310"])["argos-vision"]?["class"] as? String
        == "defense-only")
    #expect(
      try Self.nodes(["--max-lead-time", "360"])["argos-vision"]?["class"] as? String == "dual")
  }

  @Test("aggregates by kind and stage; table and --node")
  func table() throws {
    let run = try CLIRunner.run(["reach", "--robust"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("startup        23    13             2              7     1"))
    let node = try CLIRunner.run(["reach", "--node", "argos-vision", "--robust"])
    #expect(
      node.stdout.contains(
        "shortest route: argos-vision —verified_in→ prog-defense-demo —qualifies→ daehan-shipbuilding"
      ))
    #expect(try CLIRunner.run(["reach", "--node", "argos"]).status == 64)
    #expect(try CLIRunner.run(["reach", "--max-hops", "2", "--max-lead-time", "3"]).status == 64)
  }

  @Test("CSV and --kind filter")
  func csv() throws {
    let run = try CLIRunner.run(["reach", "--kind", "startup", "--format", "csv"])
    let lines = run.stdout.split(separator: "\n")
    #expect(
      lines.first?.hasPrefix("id,name,kind,class,defense_buyers,industry_buyers,estimated") == true)
    #expect(lines.count == 24)
  }
}
