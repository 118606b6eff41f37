import Foundation
import LinkageTestSupport
import Testing

/// What-if scenarios, `linkage diff` and `spof --mitigate` from the command line: what they
/// print, and the exit code of each way to get them wrong.
@Suite("linkage what-if, diff and mitigate")
struct WhatIfCLITests {
  @Test("--fail kseed-silicon: the table states the scenario and the buyers it cuts")
  func failTable() throws {
    let run = try CLIRunner.run(["spof", "--fail", "kseed-silicon"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("What if:    fail kseed-silicon"))
    #expect(run.stdout.contains("cuts 2 of 9 targets off (value 16): navy, nuri-electronics"))
  }

  @Test("--fail in JSON: a scenario object and the scenario's effect")
  func failJSON() throws {
    let run = try CLIRunner.run(["spof", "--fail", "kseed-silicon", "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let doc = try json(run)
    let scenario = try #require(doc["scenario"] as? [String: Any])
    #expect(scenario["failed_nodes"] as? [String] == ["kseed-silicon"])
    let result = try #require(doc["result"] as? [String: Any])
    let effect = try #require(result["scenario_effect"] as? [String: Any])
    #expect(effect["targets_cut"] as? [String] == ["navy", "nuri-electronics"])
  }

  @Test("eto: failing the Netherlands cuts the finished logic chip under parts semantics")
  func etoNetherlands() throws {
    let run = try CLIRunner.run([
      "spof", "Datasets/eto-semiconductor", "--fail-where", "country=NLD", "--semantics", "parts",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("What if:    fail where country=NLD"))
    #expect(run.stdout.contains("finished-logic-chip"))
  }

  @Test("the brief's first finding is the scenario, and its diagrams mark it")
  func brief() throws {
    let folder = TestFiles.scratchFolder("whatif-brief")
    let run = try CLIRunner.run(["brief", "--fail", "kseed-silicon", "-o", folder, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let md = TestFiles.read(folder + "/brief.md")
    #expect(md.contains("**What if: fail kseed-silicon.** This cuts 2 buyers of 9 off"))
    #expect(md.contains("해군 (ROK Navy)"))
  }

  @Test("bad scenarios: unknown id 64 with a suggestion, bad file 65, missing file 66")
  func errors() throws {
    let typo = try CLIRunner.run(["spof", "--fail", "kseed-silicom"])
    #expect(typo.status == 64)
    #expect(typo.stderr.contains("did you mean 'kseed-silicon'?"))
    let link = try CLIRunner.run(["spof", "--cut", "kseed-silicon>navy"])
    #expect(link.status == 64)
    #expect(link.stderr.contains("links from 'kseed-silicon' go to arum-compute"))
    let selector = try CLIRunner.run(["reach", "--fail-where", "colour=red"])
    #expect(selector.status == 64)
    let folder = TestFiles.scratchFolder("whatif-errors")
    TestFiles.write("name: x\nfail: [kseed-silicon\n", to: folder + "/bad.yaml")
    let bad = try CLIRunner.run(["spof", "--scenario", folder + "/bad.yaml"])
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("bad.yaml:3:1"))
    let missing = try CLIRunner.run(["spof", "--scenario", folder + "/none.yaml"])
    #expect(missing.status == 66)
    TestFiles.write(
      "edges:\n  - {source: nobody, target: arum-compute, part: npu}\n", to: folder + "/add.yaml")
    let add = try CLIRunner.run(["summary", "--add", folder + "/add.yaml"])
    #expect(add.status == 65)
    #expect(add.stderr.contains("add.yaml:2:"))
    #expect(add.stderr.contains("edge source 'nobody' is not a node here or in the graph it adds to"))
    // A lone edges CSV cannot declare nodes: a new id enters as a node, with a warning that
    // suggests the id it may have meant.
    TestFiles.write("source,target,part\nkseed-silicom,arum-compute,npu\n", to: folder + "/add.csv")
    let lone = try CLIRunner.run(["summary", "--add", folder + "/add.csv"])
    #expect(lone.status == 0)
    #expect(
      lone.stderr.contains(
        "add.csv:2:1: warning: 'kseed-silicom' is not in the graph: it enters as a new node (or did you mean 'kseed-silicon'?)"
      ))
  }

  @Test("diff: a graph against itself, and against an edited copy in another encoding")
  func diff() throws {
    let same = try CLIRunner.run(["diff", "Datasets/korea-ax", "Datasets/korea-ax"])
    #expect(same.status == 0, "\(same.stderr)")
    #expect(same.stdout.contains("No difference"))
    let folder = TestFiles.scratchFolder("whatif-diff")
    let converted = try CLIRunner.run([
      "convert", "Datasets/korea-ax", folder + "/k.json", "--quiet",
    ])
    #expect(converted.status == 0, "\(converted.stderr)")
    var text = TestFiles.read(folder + "/k.json")
    text = text.replacingOccurrences(
      of: "\"source\": \"kseed-silicon\", \"target\": \"arum-compute\"",
      with: "\"source\": \"hanbit-pcb\", \"target\": \"arum-compute\"")
    TestFiles.write(text, to: folder + "/k2.json")
    let run = try CLIRunner.run(["diff", "Datasets/korea-ax", folder + "/k2.json", "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let doc = try json(run)
    let result = try #require(doc["result"] as? [String: Any])
    #expect(result["identical"] as? Bool == false)
    let edges = try #require(result["edges"] as? [String: Any])
    #expect((edges["added"] as? [Any])?.count == 1)
    #expect((edges["removed"] as? [Any])?.count == 1)
    #expect(result["answers"] is [Any])
  }

  @Test("render --view diff marks the scenario in the drawing")
  func renderDiff() throws {
    let folder = TestFiles.scratchFolder("whatif-render")
    let run = try CLIRunner.run([
      "render", "--view", "diff", "--fail", "kseed-silicon", "-o", folder + "/d.svg", "--quiet",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let svg = TestFiles.read(folder + "/d.svg")
    #expect(svg.contains("what if: fail kseed&#45;silicon"))
    #expect(svg.contains("✕ failed"))
  }

  @Test("spof --mitigate with the bundled NPU candidates: verified, redundancy 1 → 2")
  func mitigate() throws {
    let run = try CLIRunner.run([
      "spof", "--mitigate", "--candidates", "Datasets/korea-ax/npu-candidates.csv",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("1. add hana-npu → byeol-embedded (part npu), cost 2"))
    #expect(
      run.stdout.contains(
        "verified: after adding hana-npu → byeol-embedded for part npu, redundancy of navy 1 → 2, nuri-electronics 1 → 2"
      ))
    #expect(run.stderr.contains("'hana-npu' is not in the graph: it enters as a new node"))
    let quiet = try CLIRunner.run([
      "spof", "--mitigate", "--candidates", "Datasets/korea-ax/npu-candidates.csv", "--quiet",
    ])
    #expect(quiet.stderr.isEmpty)
    let csv = try CLIRunner.run([
      "spof", "--mitigate", "--candidates", "Datasets/korea-ax/npu-candidates.csv",
      "--format", "csv", "--quiet",
    ])
    #expect(csv.stdout.hasPrefix("rank,add,links,cost,points_removed,removes,verified"))
    let doc = try json(
      try CLIRunner.run([
        "spof", "--mitigate", "--candidates", "Datasets/korea-ax/npu-candidates.csv",
        "--format", "json", "--quiet",
      ]))
    let result = try #require(doc["result"] as? [String: Any])
    let m = try #require(result["mitigations"] as? [String: Any])
    let proposals = try #require(m["proposals"] as? [[String: Any]])
    let first = try #require(proposals.first)
    #expect(first["verified"] as? Bool == true)
    #expect(first["points_removed"] as? Int == 2)
    #expect(first["cost"] as? Double == 2)
  }

  @Test("mitigate usage errors exit 64; a bad candidates file 65, a missing one 66")
  func mitigateErrors() throws {
    let without = try CLIRunner.run(["spof", "--candidates", "x.csv"])
    #expect(without.status == 64)
    #expect(without.stderr.contains("--candidates is for --mitigate"))
    let links = try CLIRunner.run(["spof", "--mitigate", "--max-links", "9"])
    #expect(links.status == 64)
    let folder = TestFiles.scratchFolder("whatif-mitigate")
    TestFiles.write("source,target,part,cost\nhana-npu,arum-compute,npu,cheap\n", to: folder + "/c.csv")
    let bad = try CLIRunner.run(["spof", "--mitigate", "--candidates", folder + "/c.csv"])
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("c.csv:2:"))
    let missing = try CLIRunner.run(["spof", "--mitigate", "--candidates", folder + "/none.csv"])
    #expect(missing.status == 66)
  }
}
