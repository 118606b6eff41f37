// Loads a supply chain (the bundled korea-ax dataset unless a path is given) and prints its
// single points of failure: which node, if it fails, cuts which buyers off, and why.
// Run: swift run KoreaAXFailures [PATH]
import LinkageKit

#if canImport(Glibc)
  import Glibc
#endif

let path = CommandLine.arguments.dropFirst().first
do {
  let chain = try path.map { try SupplyChain.load($0) } ?? SupplyChain.bundledKoreaAX
  let failures = try chain.singlePointsOfFailure()
  print("\(chain.name): \(chain.nodeCount) nodes, \(chain.linkCount) links")
  print(
    "semantics: \(failures.usesPartsSemantics ? "parts (AND of ORs)" : "or"), "
      + "\(failures.criticalNodes.count) single points of failure")
  for failure in failures.criticalNodes {
    print(
      "#\(failure.rank) \(failure.node.name) (\(failure.node.kind)) cuts off "
        + failure.targetsCut.map(\.name).joined(separator: ", "))
    for explanation in failure.explanations { print("   \(explanation)") }
  }
  for target in failures.targets where !target.hiddenSingleSources.isEmpty {
    print(
      "\(target.target.id) looks diversified but hangs on "
        + target.hiddenSingleSources.map(\.id).joined(separator: ", "))
  }
} catch {
  print("KoreaAXFailures: \(error)")
  exit(1)
}
