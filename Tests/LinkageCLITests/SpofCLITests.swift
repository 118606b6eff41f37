import Foundation
import LinkageTestSupport
import Testing

@Suite("linkage spof")
struct SpofCLITests {
  @Test("JSON carries the documented fields and names the planted single point")
  func json() throws {
    let run = try CLIRunner.run(["spof", "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let doc = try LinkageCLITests.json(run)
    #expect(doc["command"] as? String == "spof")
    let result = try #require(doc["result"] as? [String: Any])
    #expect(result["semantics"] as? String == "parts")
    #expect(result["targets_rule"] as? String == "buyers")
    let nodes = try #require(result["critical_nodes"] as? [[String: Any]])
    let first = try #require(nodes.first)
    #expect(first["id"] as? String == "kseed-silicon")
    #expect(first["kind"] as? String == "supplier")
    #expect(first["targets_cut"] as? Int == 2)
    #expect(first["value_cut"] as? Double == 16)
    #expect(first["cut"] as? [String] == ["navy", "nuri-electronics"])
    let why = try #require(first["why"] as? [[String: Any]])
    #expect(why.count == 2)
    #expect((why[0]["chain"] as? [String])?.first == "kseed-silicon")
    #expect((why[0]["chain"] as? [String])?.last == "navy")
    #expect((why[0]["text"] as? String)?.contains("part npu of") == true)
    #expect(result["critical_links"] is [Any])
    let targets = try #require(result["targets"] as? [[String: Any]])
    #expect(targets.count == 9)
    let navy = try #require(targets.first { $0["id"] as? String == "navy" })
    #expect(navy["redundancy"] as? Int == 1)
    #expect(navy["witness_cut"] as? [String] == ["kseed-silicon"])
    #expect(navy["hidden_single_source"] as? [String] == ["kseed-silicon"])
    let structural = try #require(result["structural"] as? [String: Any])
    #expect(structural["articulation_points"] is [String])
    #expect(structural["bridges"] is [Any])
  }

  @Test("OR semantics says so, and finds nothing on korea-ax")
  func orSemantics() throws {
    let run = try CLIRunner.run(["spof", "--semantics", "or"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("Semantics:  or (chosen with --semantics)"))
    #expect(run.stdout.contains("No single node failure cuts any target off."))
  }

  @Test("--node shows one node in full; unknown ids get suggestions and exit 64")
  func node() throws {
    let run = try CLIRunner.run(["spof", "--node", "kseed-silicon"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("cuts 2 targets off"))
    #expect(run.stdout.contains("navy: kseed-silicon fails → part npu of"))
    let bad = try CLIRunner.run(["spof", "--node", "kseed-silcon"])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("did you mean 'kseed-silicon'"))
    let badTarget = try CLIRunner.run(["spof", "--targets", "navvy"])
    #expect(badTarget.status == 64 && badTarget.stderr.contains("'navy'"))
  }

  @Test("--targets selects by kind, sector and id")
  func targets() throws {
    let doc = try LinkageCLITests.json(
      try CLIRunner.run([
        "spof", "--targets", "kind=buyer&sector=defense,mirae-logistics", "--format", "json",
      ]))
    let result = try #require(doc["result"] as? [String: Any])
    let ids = (result["targets"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
    #expect(ids == ["army", "navy", "airforce", "dapa", "mirae-logistics"])
  }

  @Test("ETO: ASML is named for the finished chip, with its why-chain")
  func eto() throws {
    let run = try CLIRunner.run(["spof", "Datasets/eto-semiconductor", "--node", "asml"])
    #expect(run.status == 0)
    #expect(
      run.stdout.contains(
        "finished-logic-chip: asml fails → part producer of euv-scanners has no other supplier"))
  }

  @Test("simulation is reproducible for a seed")
  func simulation() throws {
    let a = try CLIRunner.run(["spof", "--simulate", "300", "--seed", "7", "--format", "json"])
    let b = try CLIRunner.run(["spof", "--simulate", "300", "--seed", "7", "--format", "json"])
    #expect(a.status == 0 && a.stdoutBytes == b.stdoutBytes)
    let result = try #require(try LinkageCLITests.json(a)["result"] as? [String: Any])
    let sim = try #require(result["simulation"] as? [String: Any])
    #expect(sim["trials"] as? Int == 300)
    let targets = try #require(sim["targets"] as? [[String: Any]])
    for t in targets {
      let p = try #require(t["probability_supplied"] as? Double)
      let interval = try #require(t["interval"] as? [Double])
      #expect(interval[0] <= p && p <= interval[1])
    }
  }

  @Test("CSV lists the ranked critical nodes")
  func csv() throws {
    let run = try CLIRunner.run([
      "spof", "Datasets/eto-semiconductor", "--format", "csv", "--top", "3",
    ])
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.first == "rank,id,name,kind,targets_cut,value_cut,cut,why,semantics")
    #expect(lines.count == 4)
  }

  @Test("--loss: share-weighted value lost, with each target's fraction before and after")
  func loss() throws {
    let run = try CLIRunner.run(["spof", "--loss", "--top", "3"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("13 of 104 supply edges have a share; the other 91 count 1"))
    #expect(run.stdout.contains("kseed-silicon  supplier          16        2  navy 1 → 0, nuri-electronics 1 → 0"))
    #expect(run.stdout.contains("gyeol-comms    supplier         6.3        1  navy 1 → 0.3"))
    let csv = try CLIRunner.run(["spof", "--loss", "--format", "csv", "--top", "2"])
    #expect(csv.stdout.hasPrefix("rank,id,name,kind,value_lost,targets_affected,targets,semantics\n1,kseed-silicon,"))
    // Without shares the loss is the value cut off: eto's top entries cut whole targets.
    let eto = try CLIRunner.run(["spof", "Datasets/eto-semiconductor", "--loss", "--top", "1"])
    #expect(eto.stdout.contains("7 of 483 supply edges have a share"))
  }

  @Test("--group-by: every value fails together; eto's Netherlands cuts the finished logic chip")
  func groupBy() throws {
    let run = try CLIRunner.run([
      "spof", "Datasets/eto-semiconductor", "--group-by", "country", "--semantics", "parts",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Failure units by country"))
    #expect(run.stdout.contains("1  NLD          5    1      1  finished-logic-chip"))
    #expect(run.stdout.contains("1. country=NLD fails → asml → euv-scanners"))
    let bad = try CLIRunner.run(["spof", "--group-by", "contry"])
    #expect(bad.status == 64)
    let csv = try CLIRunner.run(["spof", "--group-by", "tier", "--format", "csv"])
    #expect(csv.stdout.hasPrefix("rank,value,nodes,targets_cut,value_cut,cut,why\n1,1,6,3,24,"))
  }

  @Test("--stress: kseed-silicon recovers in 300 days; nuri-electronics runs out on day 255")
  func stress() throws {
    let run = try CLIRunner.run(["spof", "--stress"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("1  kseed-silicon  nuri-electronics  300       255     45      315"))
    #expect(run.stdout.contains("recover kseed-silicon 45 days faster: removes 1 exposure (315 value-days)"))
    let csv = try CLIRunner.run(["spof", "--stress", "--format", "csv"])
    #expect(csv.stdout == "rank,failure,target,ttr,time_to_impact,shortfall_days,weighted_shortfall\n1,kseed-silicon,nuri-electronics,300,255,45,315\n")
  }
}
