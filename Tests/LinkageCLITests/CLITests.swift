import Foundation
import LinkageTestSupport
import Testing

/// Parses a JSON document printed by the CLI.
func json(_ run: CLIRunner.Run) throws -> [String: Any] {
  let object = try JSONSerialization.jsonObject(with: run.stdoutBytes)
  return try #require(object as? [String: Any])
}

@Suite("The linkage command line")
struct CLITests {
  @Test("summary of the default dataset, as JSON in the documented envelope")
  func summaryJSON() throws {
    let run = try CLIRunner.run(["summary", "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let doc = try json(run)
    #expect(doc["command"] as? String == "summary")
    #expect(doc["schema"] as? Int == 1)
    #expect(doc["linkage"] is String)
    #expect((doc["input"] as? String)?.contains("korea-ax") == true)
    let result = try #require(doc["result"] as? [String: Any])
    #expect(result["nodes"] as? Int == 69)
    #expect(result["flow_acyclic"] as? Bool == true)
    #expect(result["semantics"] as? String == "parts")
    let kinds = try #require(result["kinds"] as? [String: Int])
    #expect(kinds["startup"] == 23 && kinds["buyer"] == 9)
    #expect((doc["diagnostics"] as? [Any])?.isEmpty == true)
  }

  @Test("the same input gives the same bytes")
  func deterministic() throws {
    for format in ["table", "json", "csv"] {
      let a = try CLIRunner.run(["summary", "Datasets/eto-semiconductor", "--format", format])
      let b = try CLIRunner.run(["summary", "Datasets/eto-semiconductor", "--format", format])
      #expect(a.status == 0 && a.stdoutBytes == b.stdoutBytes && !a.stdout.isEmpty)
    }
  }

  @Test("the bundled dataset is found from an installed binary outside the checkout")
  func installedBinary() throws {
    let folder = TestFiles.scratchFolder("install")
    try FileManager.default.copyItem(atPath: CLIRunner.binary, toPath: folder + "/linkage")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: folder + "/linkage")
    process.arguments = ["summary", "--format", "json"]
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(doc["input"] as? String == "bundled:korea-ax")
    #expect((doc["result"] as? [String: Any])?["nodes"] as? Int == 69)
  }

  @Test("exit codes follow sysexits")
  func exitCodes() throws {
    #expect(try CLIRunner.run(["summary", "/nonexistent/graph.yaml"]).status == 66)
    #expect(try CLIRunner.run(["summary", "--no-such-flag"]).status == 64)
    #expect(try CLIRunner.run(["generate", "--nodes", "5", "-o", "/tmp/x"]).status == 64)
    let folder = TestFiles.scratchFolder()
    TestFiles.write("nodes:\n  - {id: b, kind: buyer}\n", to: folder + "/bad.yaml")
    let bad = try CLIRunner.run(["summary", folder + "/bad.yaml"])
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("bad.yaml:2:5: error: buyer 'b' needs sector defense or industry"))
    let unwritable = try CLIRunner.run(["convert", "Datasets/korea-ax", "/proc/nope/out.json"])
    #expect(unwritable.status == 74, "\(unwritable.stderr)")
  }

  @Test("validate prints every problem as file:line:col and exits 65 on errors")
  func validate() throws {
    let folder = TestFiles.scratchFolder()
    TestFiles.write("id,kind,sector\na,buyer,\nb,wizard,\na,startup,\n", to: folder + "/nodes.csv")
    TestFiles.write("source,target,lead_time\na,b,-1\na,c,\n", to: folder + "/edges.csv")
    let run = try CLIRunner.run(["validate", folder])
    #expect(run.status == 65)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 6, "\(lines)")
    let expected = [
      "nodes.csv:2:1: error: buyer 'a' needs sector defense or industry, found none",
      "nodes.csv:3:3: warning: unknown kind 'wizard'",
      "nodes.csv:4:1: error: duplicate node id 'a' (first defined at line 2)",
      "edges.csv:2:5: error: lead_time must not be negative, found -1",
      "edges.csv:3:3: error: edge target 'c' is not a node",
    ]
    // In reading order, then the verdict (on stdout: it is the result).
    for (line, e) in zip(lines, expected) { #expect(line.contains(e), "\(line) is not \(e)") }
    #expect(lines.last?.contains("invalid: 4 errors, 1 warning; 2 nodes, 1 edges") == true)
    let clean = try CLIRunner.run(["validate", "Datasets/korea-ax"])
    #expect(clean.status == 0)
    #expect(clean.stdout == "Datasets/korea-ax: valid: 0 errors, 0 warnings; 69 nodes, 116 edges\n")
    let asJSON = try CLIRunner.run(["validate", folder, "--format", "json"])
    let result = try #require(try json(asJSON)["result"] as? [String: Any])
    #expect(result["valid"] as? Bool == false && result["errors"] as? Int == 4)
  }

  @Test("convert round-trips through every encoding; output is written atomically")
  func convert() throws {
    let folder = TestFiles.scratchFolder()
    #expect(try CLIRunner.run(["convert", "Datasets/korea-ax", folder + "/k.json"]).status == 0)
    #expect(try CLIRunner.run(["convert", folder + "/k.json", folder + "/csv"]).status == 0)
    #expect(try CLIRunner.run(["convert", folder + "/csv", folder + "/k.yaml"]).status == 0)
    #expect(
      try CLIRunner.run(["convert", folder + "/k.yaml", folder + "/k2", "--to", "json"]).status == 0
    )
    #expect(try CLIRunner.run(["convert", "Datasets/korea-ax", folder + "/k0.yaml"]).status == 0)
    #expect(TestFiles.read(folder + "/k.yaml") == TestFiles.read(folder + "/k0.yaml"))
    #expect(TestFiles.read(folder + "/k.yaml").contains("아르고스비전"))
    #expect(TestFiles.read(folder + "/k2") == TestFiles.read(folder + "/k.json"))
    for f in ["nodes.csv", "edges.csv"] {
      #expect(FileManager.default.fileExists(atPath: folder + "/csv/" + f))
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
      $0.contains(".tmp-")
    }
    #expect(leftovers.isEmpty)
  }

  @Test("generate writes the same bytes for the same seed")
  func generate() throws {
    let a = TestFiles.scratchFolder()
    let b = TestFiles.scratchFolder()
    #expect(
      try CLIRunner.run(["generate", "--nodes", "3000", "--seed", "9", "-o", a, "--quiet"]).status
        == 0)
    #expect(
      try CLIRunner.run(["generate", "--nodes", "3000", "--seed", "9", "-o", b, "--quiet"]).status
        == 0)
    for f in ["nodes.csv", "edges.csv", "meta.csv"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + f))
      let y = try Data(contentsOf: URL(fileURLWithPath: b + "/" + f))
      #expect(x == y && !x.isEmpty, "\(f)")
    }
    let summary = try json(try CLIRunner.run(["summary", a, "--format", "json"]))
    #expect((summary["result"] as? [String: Any])?["nodes"] as? Int == 3000)
  }

  @Test("--quiet keeps stderr empty on success; warnings appear without it")
  func quiet() throws {
    let folder = TestFiles.scratchFolder()
    TestFiles.write("nodes:\n  - {id: a, kind: wizard}\nedges: []\n", to: folder + "/w.yaml")
    let loud = try CLIRunner.run(["summary", folder + "/w.yaml"])
    #expect(loud.status == 0 && loud.stderr.contains("unknown kind 'wizard'"))
    let quiet = try CLIRunner.run(["summary", folder + "/w.yaml", "--quiet"])
    #expect(quiet.status == 0 && quiet.stderr.isEmpty)
  }

  @Test("summary as CSV is a table with a header")
  func summaryCSV() throws {
    let run = try CLIRunner.run(["summary", "--format", "csv"])
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.first == "section,label,count")
    #expect(lines.contains("kind,startup,23"))
    #expect(lines.contains("graph,nodes,69"))
  }
}
