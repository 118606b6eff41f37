import Foundation
import LinkageKit
import LinkageTestSupport
import Testing

@Suite("The Swift library (LinkageKit)")
struct LibraryTests {
  static let korea = TestFiles.repositoryRoot + "/Datasets/korea-ax"

  @Test("single points of failure of korea-ax: kseed-silicon cuts navy and nuri-electronics")
  func spof() throws {
    let chain = try SupplyChain.load(Self.korea)
    #expect(chain.nodeCount == 69 && chain.linkCount == 116)
    let failures = try chain.singlePointsOfFailure()
    #expect(failures.usesPartsSemantics)
    let first = try #require(failures.criticalNodes.first)
    #expect(first.rank == 1 && first.node.id == "kseed-silicon")
    #expect(first.targetsCut.map(\.id) == ["navy", "nuri-electronics"])
    #expect(first.chains.allSatisfy { $0.first == first.node })
    #expect(first.chains.map { $0.last?.id } == ["navy", "nuri-electronics"])
    // The same answer as the CLI's JSON, which the library renders too.
    let cli = try CLIRunner.run(["spof", Self.korea, "--format", "json"])
    #expect(failures.json() == cli.stdout.replacingOccurrences(of: "\n", with: "\n"))
    // OR semantics: the PCB suppliers hide the dependence.
    #expect(try chain.singlePointsOfFailure(semantics: .or).criticalNodes.isEmpty)
    let navy = try #require(failures.targets.first { $0.target.id == "navy" })
    #expect(navy.redundancy == 1 && navy.hiddenSingleSources.map(\.id) == ["kseed-silicon"])
  }

  @Test("bad input and bad requests are errors that say what is wrong")
  func errors() throws {
    #expect(throws: LinkageError.self) { try SupplyChain.load("/nonexistent/graph.yaml") }
    let chain = SupplyChain.bundledKoreaAX
    do {
      _ = try chain.singlePointsOfFailure(targets: "sector=defence")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("did you mean 'defense'"))
    }
    do {
      _ = try chain.referenceRoutes(from: "kseed")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("kseed-silicon"))
    }
    // A file with errors gives every problem with its place.
    let folder = TestFiles.scratchFolder("kit-bad")
    try "id,name,kind\na,A,buyer\n".write(
      toFile: folder + "/nodes.csv", atomically: true, encoding: .utf8)
    try "source,target,relation\na,zz,supplies\n".write(
      toFile: folder + "/edges.csv", atomically: true, encoding: .utf8)
    do {
      _ = try SupplyChain.load(folder)
      Issue.record("expected an error")
    } catch {
      guard case .invalidData(let problems) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(!problems.isEmpty && problems.allSatisfy { $0.line != nil && $0.file != nil })
    }
  }

  @Test("reference routes and dual-use reach agree with the CLI")
  func routesAndReach() throws {
    let chain = try SupplyChain.load(Self.korea)
    let routes = try chain.referenceRoutes(from: "argos-vision", count: 3)
    #expect(!routes.isEmpty && routes.map(\.rank) == Array(1...routes.count))
    #expect(
      routes.allSatisfy { $0.nodes.first?.id == "argos-vision" && $0.nodes.last?.kind == "buyer" })
    #expect(routes.allSatisfy { $0.links.count == $0.nodes.count - 1 && $0.hops == $0.links.count })
    let cli = try CLIRunner.run([
      "paths", Self.korea, "--from", "argos-vision", "-k", "3", "--format", "csv",
    ])
    let lines = cli.stdout.split(separator: "\n")
    let column = try #require(lines.first?.split(separator: ",").firstIndex(of: "nodes"))
    let cliNodes = lines.dropFirst().map {
      String($0.split(separator: ",", omittingEmptySubsequences: false)[column])
    }
    #expect(routes.map { $0.nodes.map(\.id).joined(separator: ">") } == cliNodes)
    let reach = chain.dualUseReach(robust: true)
    #expect(reach.nodes.count == chain.nodeCount)
    let order: [ReachClass] = [.dual, .defenseOnly, .industryOnly, .none]
    let ranks = reach.nodes.map { order.firstIndex(of: $0.reachClass) ?? 9 }
    #expect(ranks == ranks.sorted())
    let argos = try #require(reach.nodes.first { $0.node.id == "argos-vision" })
    #expect(argos.reachClass == .dual && argos.defenseWitness?.first == argos.node)
    #expect(argos.defenseFragileTo != nil)
  }

  @Test("diagrams: SVG and DOT, the same bytes twice")
  func diagrams() throws {
    let chain = try SupplyChain.load(Self.korea)
    let a = try chain.diagram(.singlePointsOfFailure(top: 3), format: .svg)
    let b = try chain.diagram(.singlePointsOfFailure(top: 3), format: .svg)
    #expect(a == b && String(decoding: a, as: UTF8.self).contains("<svg"))
    let dot = String(
      decoding: try chain.diagram(.referenceRoutes(from: "argos-vision", count: 2), format: .dot),
      as: UTF8.self)
    #expect(dot.hasPrefix("digraph"))
    #expect(throws: LinkageError.self) {
      try chain.diagram(.referenceRoutes(from: "nobody", count: 1))
    }
  }

  @Test("the example program builds and prints korea-ax's single points of failure")
  func example() throws {
    let exe =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
    var binary: String? = nil
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("KoreaAXFailures").path
      if FileManager.default.isExecutableFile(atPath: candidate) {
        binary = candidate
        break
      }
      dir.deleteLastPathComponent()
    }
    let path = try #require(binary, "KoreaAXFailures is not built next to the tests")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.currentDirectoryURL = URL(fileURLWithPath: TestFiles.repositoryRoot)
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(text.contains("korea-ax: 69 nodes, 116 links"))
    #expect(text.contains("#1 케이시드반도체 (KSeed Semiconductor) (supplier) cuts off 해군 (ROK Navy)"))
  }
}
