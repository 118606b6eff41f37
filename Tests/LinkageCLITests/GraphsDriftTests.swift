import Foundation
import LinkageTestSupport
import Testing

/// The diagrams in Graphs/ are what the code draws today (`make graphs` redraws them).
@Suite("Graphs/ matches the code")
struct GraphsDriftTests {
  static let lines: [[String]] = TestFiles.read(TestFiles.repositoryRoot + "/Graphs/graphs.txt")
    .split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
    .map { $0.split(separator: " ").map(String.init) }

  @Test("every listed diagram is redrawn byte for byte", arguments: lines)
  func redraw(line: [String]) throws {
    let file = line[0]
    let folder = TestFiles.scratchFolder("graphs")
    let run = try CLIRunner.run(
      ["render"] + line.dropFirst() + ["-o", folder + "/" + file, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let drawn = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
    let committed = try Data(
      contentsOf: URL(fileURLWithPath: TestFiles.repositoryRoot + "/Graphs/" + file))
    // A Bool, so a failure prints one line, not both files byte by byte.
    let current = drawn == committed
    #expect(current, "Graphs/\(file) is out of date: run `make graphs`")
  }
}
