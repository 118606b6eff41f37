import Foundation

/// Runs the built `linkage` binary, as a user would from a shell.
package enum CLIRunner {
  /// The result of one run.
  package struct Run: Sendable {
    package let status: Int32
    package let stdout: String
    package let stderr: String
    package let stdoutBytes: Data
  }

  /// The binary: `LINKAGE_BIN` if set, else `linkage` next to the test bundle (SwiftPM puts
  /// both in the same build folder).
  package static let binary: String = {
    if let env = ProcessInfo.processInfo.environment["LINKAGE_BIN"], !env.isEmpty { return env }
    let exe =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("linkage").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      dir.deleteLastPathComponent()
    }
    return TestFiles.repositoryRoot + "/.build/debug/linkage"
  }()

  /// Runs `linkage ARGS` in `directory` (default: the repository root) and waits.
  package static func run(
    _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]
  ) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? TestFiles.repositoryRoot)
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes concurrently so a full stderr pipe cannot block the child.
    let errData = LockedData()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData.set(err.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData.get(), as: UTF8.self), stdoutBytes: outData)
  }

  private final class LockedData: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ d: Data) {
      lock.lock()
      data = d
      lock.unlock()
    }
    func get() -> Data {
      lock.lock()
      defer { lock.unlock() }
      return data
    }
  }
}
