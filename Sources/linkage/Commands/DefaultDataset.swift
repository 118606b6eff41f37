import LinkageCore
import LinkageIO

#if canImport(Glibc)
  import Glibc
#endif

/// Finds the default dataset (korea-ax): on disk next to the binary when it can (a source
/// checkout under `swift run`, or `PREFIX/share/linkage` after `make install`), else the copy
/// compiled into the binary, so an installed binary works anywhere.
enum DefaultDataset {
  static let name = "korea-ax"

  struct Found {
    let loaded: LoadedGraph
    let name: String
  }

  /// Folders where the dataset may be, nearest first.
  static func candidates() -> [String] {
    var result: [String] = []
    if let env = getenv("LINKAGE_DATASETS") { result.append(String(cString: env) + "/" + name) }
    var dir = executableDirectory()
    for _ in 0..<6 {
      result.append(dir + "/Datasets/" + name)
      result.append(dir + "/share/linkage/Datasets/" + name)
      guard let slash = dir.lastIndex(of: "/"), slash != dir.startIndex else { break }
      dir = String(dir[..<slash])
    }
    return result
  }

  static func executableDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard n > 0 else { return "." }
    let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return String(path[..<slash])
  }

  static func load() throws(InputError) -> Found {
    for folder in candidates() where FileAccess.kind(of: folder + "/graph.yaml") == .file {
      return Found(loaded: try GraphLoader.load(folder), name: displayName(folder))
    }
    let bytes = Array(BundledDatasets.koreaAX.utf8)
    return Found(
      loaded: GraphLoader.loadDocument(
        bytes: bytes, file: "bundled:\(name)/graph.yaml", as: .yaml),
      name: "bundled:\(name)")
  }

  /// A path relative to the working directory when it is inside it.
  static func displayName(_ folder: String) -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getcwd(&buffer, buffer.count) != nil else { return folder }
    let cwd = String(
      decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if folder.hasPrefix(cwd + "/") { return String(folder.dropFirst(cwd.count + 1)) }
    return folder
  }
}
