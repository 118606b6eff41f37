import Foundation
import LinkageCore
import LinkageIO
import LinkageTestSupport
import Testing

@Suite("Reading a large edge file on two threads")
struct ParallelCSVTests {
  /// A generated pair with problems planted at known lines of edges.csv.
  static func plantedPair(quotedNewlineNearMiddle: Bool) throws -> (folder: String, lines: [Int]) {
    let folder = TestFiles.scratchFolder("parallel")
    try CSVGraphWriter().write(
      EcosystemGenerator(nodeCount: 25_000, seed: 5).generate(), to: folder)
    var lines = TestFiles.read(folder + "/edges.csv").split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(
      String.init)
    // Header: source,target,relation,part,lead_time,confidence
    var planted = [10, 30_000, lines.count / 2 + 3, lines.count - 5]
    lines[planted[0] - 1] = "su1,nowhere,supplies,,5,0.5"
    lines[planted[1] - 1] = "su1,su2,teleports,,5,0.5"
    lines[planted[2] - 1] = "su1,su2,supplies,,soon,0.5"
    lines[planted[3] - 1] = "su1,su2,supplies,,5,1.5"
    if quotedNewlineNearMiddle {
      // A part label with a line break, just before the split point: the first thread's
      // last record runs past it, so the reader must fall back to one pass.
      let middle = lines.count / 2 - 1
      lines[middle] = "su1,su3,supplies,\"two\nlines\",5,0.5"
      // Lines after it move down by one.
      planted = planted.map { $0 > middle + 1 ? $0 + 1 : $0 }
    }
    TestFiles.write(lines.joined(separator: "\n"), to: folder + "/edges.csv")
    return (folder, planted)
  }

  @Test(
    "two threads give the same graph and the same diagnostics as one", arguments: [false, true])
  func sameAsSequential(quotedNewline: Bool) throws {
    let (folder, planted) = try Self.plantedPair(quotedNewlineNearMiddle: quotedNewline)
    let size =
      (try FileManager.default.attributesOfItem(atPath: folder + "/edges.csv")[.size] as? Int) ?? 0
    #expect(size > 1 << 20)
    let parallel = try CSVGraphReader(parallelThreshold: 1 << 20).read(folder: folder)
    let sequential = try CSVGraphReader(parallelThreshold: .max).read(folder: folder)
    #expect(canonical(parallel.graph) == canonical(sequential.graph))
    #expect(
      parallel.diagnostics.sorted.map(\.description)
        == sequential.diagnostics.sorted.map(\.description))
    let lines = Set(parallel.problems().compactMap { $0.location?.line })
    for line in planted { #expect(lines.contains(line), "no diagnostic at line \(line)") }
    #expect(
      parallel.has(
        .error, line: planted[0], column: 5, containing: "edge target 'nowhere' is not a node"))
    #expect(
      parallel.has(
        .warning, line: planted[1], column: 9, containing: "unknown relation 'teleports'"))
    #expect(
      parallel.has(
        .error, line: planted[2], column: 19, containing: "lead_time must be a number, found 'soon'"
      ))
    #expect(
      parallel.has(.error, line: planted[3], containing: "confidence must be between 0 and 1"))
  }
}
