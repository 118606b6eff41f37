#if canImport(Glibc)
  import Glibc
#endif

/// Large zero-filled arrays backed by transparent huge pages where the kernel offers them.
///
/// Random probes into a table of tens of megabytes miss the TLB on almost every access with
/// 4 KiB pages; with 2 MiB pages the same table needs a handful of TLB entries. Linux enables
/// huge pages per region with `madvise(MADV_HUGEPAGE)` when
/// `/sys/kernel/mm/transparent_hugepage/enabled` is `madvise`; elsewhere this is a plain
/// zeroed array.
enum HugePages {
  /// Arrays smaller than this gain nothing from huge pages.
  static let threshold = 4 << 20

  static func zeroedArray<T: FixedWidthInteger>(count: Int, of: T.Type = T.self) -> [T] {
    let bytes = count * MemoryLayout<T>.stride
    guard bytes >= threshold else { return [T](repeating: 0, count: count) }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      #if os(Linux)
        let start = UInt(bitPattern: buffer.baseAddress!)
        let huge: UInt = 2 << 20
        let alignedStart = (start + huge - 1) & ~(huge - 1)
        let end = start + UInt(bytes)
        if end > alignedStart + huge {
          let length = (end - alignedStart) & ~(huge - 1)
          _ = madvise(
            UnsafeMutableRawPointer(bitPattern: alignedStart), Int(length), 14)  // MADV_HUGEPAGE
        }
      #endif
      buffer.baseAddress!.initialize(repeating: 0, count: count)
      initialized = count
    }
  }
}
