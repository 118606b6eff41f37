import LinkageCore
import LinkageIO
import LinkageTestSupport
import Testing

/// GraphML and GEXF built to hurt an XML parser: each gives a clear error with a place, in
/// memory bounded by the file's size, never a crash or an expansion.
@Suite("Hostile XML (GraphML and GEXF)")
struct HostileXMLTests {
  static let roots = ["graphml", "gexf"]

  func error(_ text: String, root: String) throws -> Diagnostic? {
    try load(text, named: "hostile.\(root)").problems(.error).first
  }

  @Test("billion laughs: a DTD is refused before any entity is defined", arguments: roots)
  func billionLaughs(root: String) throws {
    var dtd = "<!DOCTYPE \(root) [<!ENTITY lol \"lol\">"
    for i in 1...9 {
      dtd +=
        "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10)
        + "\">"
    }
    dtd += "]>"
    let e = try error(dtd + "<\(root)>&lol9;</\(root)>", root: root)
    #expect(e?.message.contains("document type declaration") == true)
    #expect(e?.location?.line == 1)
  }

  @Test("XXE: an external entity is never fetched", arguments: roots)
  func externalEntity(root: String) throws {
    let text =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE \(root) [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<\(root)>&x;</\(root)>"
    let e = try error(text, root: root)
    #expect(e?.message.contains("document type declaration") == true)
    #expect(e?.location?.line == 2)
    // And an undeclared entity is an error naming it, not an empty value.
    let undeclared = try error("<\(root)><graph a=\"&x;\"/></\(root)>", root: root)
    #expect(undeclared?.message.contains("unknown entity '&x;'") == true)
  }

  @Test("100,000 levels of nesting are refused at the bound, without recursion", arguments: roots)
  func deepNesting(root: String) throws {
    let text =
      "<\(root)>" + String(repeating: "<x>", count: 100_000)
      + String(repeating: "</x>", count: 100_000)
      + "</\(root)>"
    let e = try error(text, root: root)
    #expect(e?.message.contains("nested deeper than 256 levels") == true)
  }

  @Test("a text node over 64 MiB is refused with its place", arguments: roots)
  func hugeText(root: String) throws {
    let text =
      "<\(root)>\n<graph>" + String(repeating: "a", count: (64 << 20) + 1) + "</graph></\(root)>"
    let e = try error(text, root: root)
    #expect(e?.message.contains("longer than 64 MiB") == true)
    #expect(e?.location?.line == 2)
  }

  @Test("binary data and truncated documents get located errors", arguments: roots)
  func binaryAndTruncated(root: String) throws {
    var rng = SeededRandom(seed: 3)
    var bytes: [UInt8] = Array("<\(root)>".utf8)
    for _ in 0..<4096 { bytes.append(UInt8(truncatingIfNeeded: rng.below(256))) }
    let folder = TestFiles.scratchFolder("hostile-xml")
    TestFiles.write(bytes: bytes, to: folder + "/binary.\(root)")
    let binary = try GraphLoader.load(folder + "/binary.\(root)")
    #expect(binary.diagnostics.hasErrors)
    #expect(binary.problems(.error).first?.location != nil)
    let truncated = try error("<\(root)><graph><node id=\"a\">", root: root)
    #expect(truncated?.message.contains("ends inside") == true)
  }
}
