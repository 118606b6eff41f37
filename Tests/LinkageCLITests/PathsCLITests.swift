import Foundation
import LinkageTestSupport
import Testing

@Suite("linkage paths")
struct PathsCLITests {
  static func result(_ args: [String]) throws -> [String: Any] {
    let run = try CLIRunner.run(["paths"] + args + ["--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    return try #require(try LinkageCLITests.json(run)["result"] as? [String: Any])
  }

  static let defenseDemo =
    "startup .* program[sector=defense,stage=verification] .* buyer[sector=industry]"

  @Test("argos-vision's only industry route passes the defense demonstration")
  func argos() throws {
    let with = try Self.result([
      "--from", "argos-vision", "--to", "kind=buyer&sector=industry", "--via", Self.defenseDemo,
      "-k", "5",
    ])
    let paths = try #require(with["paths"] as? [[String: Any]])
    #expect(paths.count == 1)
    #expect(
      paths[0]["nodes"] as? [String] == [
        "argos-vision", "prog-defense-demo", "daehan-shipbuilding",
      ])
    #expect(paths[0]["relations"] as? [String] == ["verified_in", "qualifies"])
    #expect(paths[0]["hops"] as? Int == 2)
    #expect(with["truncated"] as? Bool == false)
    // Excluding defense programs leaves no industry route at all.
    let without = try Self.result([
      "--from", "argos-vision", "--to", "kind=buyer&sector=industry", "--via",
      "startup (supplies | sells_to | licenses)* buyer", "-k", "5",
    ])
    #expect((without["paths"] as? [Any])?.isEmpty == true)
    // Dasom Robotics reaches industry without any program.
    let dasom = try Self.result([
      "--from", "dasom-robotics", "--to", "kind=buyer&sector=industry", "--via",
      "startup (supplies | sells_to)+ buyer",
      "-k", "5",
    ])
    #expect(((dasom["paths"] as? [[String: Any]])?.count ?? 0) >= 1)
  }

  @Test("k best by lead time and by confidence, cheapest first")
  func measures() throws {
    let byDays = try Self.result(["--from", "haneul-ai", "--by", "lead_time", "-k", "4"])
    let costs = (byDays["paths"] as? [[String: Any]])?.compactMap { $0["cost"] as? Double } ?? []
    #expect(costs.count == 4 && costs == costs.sorted())
    let credible = try Self.result(["--from", "haneul-ai", "--by", "confidence", "-k", "3"])
    let products =
      (credible["paths"] as? [[String: Any]])?.compactMap { $0["cost"] as? Double } ?? []
    #expect(products == products.sorted(by: >), "most credible first")
    #expect(products.allSatisfy { $0 > 0 && $0 <= 1 })
  }

  @Test("bad ids and patterns get clear errors with exit 64")
  func errors() throws {
    let unknown = try CLIRunner.run(["paths", "--from", "argos-vison"])
    #expect(unknown.status == 64 && unknown.stderr.contains("did you mean 'argos-vision'"))
    let pattern = try CLIRunner.run([
      "paths", "--from", "argos-vision", "--via", "startup teleports buyer",
    ])
    #expect(pattern.status == 64)
    #expect(pattern.stderr.contains("'teleports' is neither a relation nor a kind"))
    #expect(pattern.stderr.contains("\n          ^"))
    let by = try CLIRunner.run(["paths", "--from", "argos-vision", "--by", "weight"])
    #expect(by.status == 64 && by.stderr.contains("no edge has 'weight'"))
  }

  @Test("readiness: one row per startup, no route named")
  func readiness() throws {
    let result = try Self.result(["--readiness"])
    let rows = try #require(result["startups"] as? [[String: Any]])
    #expect(rows.count == 23)
    let lumen = try #require(rows.first { $0["id"] as? String == "lumen-quantum" })
    #expect(lumen["no_route"] as? Bool == true)
    let argos = try #require(rows.first { $0["id"] as? String == "argos-vision" })
    let industry = try #require(argos["industry"] as? [String: Any])
    #expect(industry["passes_verification"] as? Bool == true)
    #expect(industry["gateway"] as? String == "prog-defense-demo")
    #expect(industry["buyer"] as? String == "daehan-shipbuilding")
    let table = try CLIRunner.run(["paths", "--readiness"])
    #expect(table.stdout.contains("No route to any buyer: lumen-quantum"))
  }
}
