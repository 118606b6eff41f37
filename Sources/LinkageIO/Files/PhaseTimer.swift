#if canImport(Glibc)
  import Glibc
#endif

/// Prints how long each loading phase took to stderr when `LINKAGE_TIMING` is set in the
/// environment; costs nothing otherwise. For benchmarks and profiling, not for users.
package struct PhaseTimer {
  private let enabled = getenv("LINKAGE_TIMING") != nil

  package init() {}
  private var last = PhaseTimer.now()

  package static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  package mutating func lap(_ phase: String) {
    guard enabled else { return }
    let t = Self.now()
    let ms = Int(((t - last) * 1000).rounded())
    var line = "timing: \(phase) \(ms) ms\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    last = t
  }
}
