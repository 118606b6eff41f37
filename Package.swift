// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Linkage",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "linkage", targets: ["linkage"]),
    // The Swift library: load a graph, run each analysis, render a diagram. Everything else
    // is `package` access (the CLI and the tests share it).
    .library(name: "LinkageKit", targets: ["LinkageKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    .target(
      name: "LinkageCore",
      dependencies: [.product(name: "HeapModule", package: "swift-collections")]),
    .systemLibrary(
      name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
    .target(
      name: "LinkageGraphviz", dependencies: ["CGraphviz", "LinkageCore", "LinkageReports"]),
    .target(
      name: "LinkageIO",
      dependencies: [
        "LinkageCore", .product(name: "Yams", package: "Yams"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]),
    .target(name: "LinkageReports", dependencies: ["LinkageCore", "LinkageIO"]),
    .target(
      name: "LinkageKit",
      dependencies: ["LinkageCore", "LinkageIO", "LinkageReports", "LinkageGraphviz"]),
    .executableTarget(
      name: "KoreaAXFailures", dependencies: ["LinkageKit"], path: "Examples/KoreaAXFailures"),
    .executableTarget(
      name: "linkage",
      dependencies: [
        "LinkageCore", "LinkageIO", "LinkageGraphviz", "LinkageReports",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .target(
      name: "LinkageTestSupport",
      dependencies: ["LinkageCore", "LinkageIO"],
      path: "Tests/LinkageTestSupport"),
    .testTarget(
      name: "LinkageGraphvizTests",
      dependencies: ["LinkageGraphviz", "LinkageCore", "LinkageReports", "LinkageTestSupport"]),
    .testTarget(
      name: "LinkageCoreTests", dependencies: ["LinkageCore", "LinkageTestSupport"]),
    .testTarget(
      name: "LinkageIOTests",
      dependencies: ["LinkageCore", "LinkageIO", "LinkageReports", "LinkageTestSupport"]),
    .testTarget(
      name: "LinkageKitTests",
      dependencies: ["LinkageKit", "KoreaAXFailures", "LinkageTestSupport"]),
    .testTarget(
      name: "LinkageCLITests",
      dependencies: ["linkage", "LinkageCore", "LinkageIO", "LinkageGraphviz", "LinkageTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
