import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Paths to the repository, its datasets, the team's shared datasets, and scratch folders.
package enum TestFiles {
  /// The repository root (the folder holding Package.swift).
  package static let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url.path
      }
    }
    return FileManager.default.currentDirectoryPath
  }()

  /// `Datasets/NAME` in the repository.
  package static func dataset(_ name: String) -> String { repositoryRoot + "/Datasets/" + name }

  /// The team's shared datasets (`../shared/datasets`), or `nil` when absent (tests that need
  /// them skip).
  package static let sharedDatasets: String? = {
    let path = (repositoryRoot as NSString).deletingLastPathComponent + "/shared/datasets"
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }()

  /// A fresh empty folder under the system temporary folder.
  package static func scratchFolder(_ label: String = "linkage") -> String {
    let path = NSTemporaryDirectory() + "/\(label)-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Writes `text` to `path` (creating folders).
  package static func write(_ text: String, to path: String) {
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  }

  package static func write(bytes: [UInt8], to path: String) {
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
  }

  package static func read(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  }
}
