import LinkageCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// File system access for readers and writers: whole-file and chunked reads, and atomic
/// writes (a temporary file in the same folder, then `rename(2)`), so a reader never sees a
/// half-written output.
package enum FileAccess {
  package enum Kind: Sendable { case file, directory, missing }

  /// Whether `path` is a file, a folder or absent (`stat(2)`).
  package static func kind(of path: String) -> Kind {
    var st = stat()
    guard stat(path, &st) == 0 else { return .missing }
    return (st.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
  }

  /// Whether `a` and `b` name the same existing file (same device and inode: links and
  /// different spellings of one path included).
  package static func sameFile(_ a: String, _ b: String) -> Bool {
    var x = stat()
    var y = stat()
    guard stat(a, &x) == 0, stat(b, &y) == 0 else { return false }
    return x.st_dev == y.st_dev && x.st_ino == y.st_ino
  }

  static func errnoText() -> String { String(cString: strerror(errno)) }

  /// Reads a whole file (`open(2)`, `read(2)`).
  /// - Throws: ``InputError/notFound(path:detail:)`` for a missing file, ``InputError/io(path:detail:)``
  ///   when reading fails, and ``InputError/data(_:)`` when the file is larger than `limit`.
  package static func readAll(_ path: String, limit: Int = Int.max) throws(InputError) -> [UInt8] {
    let reader = try ChunkedFileReader(path: path)
    var bytes: [UInt8] = []
    if let size = reader.size, size > limit {
      throw .data(
        Diagnostic(
          .error,
          "file is \(size / (1 << 20)) MiB; at most \(limit / (1 << 20)) MiB can be read in this format",
          at: SourceLocation(file: path, line: 1, column: 1)))
    }
    if let size = reader.size { bytes.reserveCapacity(size) }
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = try reader.read(into: &chunk, from: 0)
      if n == 0 { break }
      bytes.append(contentsOf: chunk[0..<n])
      if bytes.count > limit {
        throw .data(
          Diagnostic(
            .error, "file is larger than \(limit / (1 << 20)) MiB, the most this format reads",
            at: SourceLocation(file: path, line: 1, column: 1)))
      }
    }
    return bytes
  }

  /// Writes `bytes` to `path` atomically.
  /// - Throws: ``InputError/io(path:detail:)``.
  package static func writeAtomically(_ bytes: [UInt8], to path: String) throws(InputError) {
    let file = try AtomicFileWriter(path: path)
    try file.write(bytes)
    try file.commit()
  }

  /// Writes UTF-8 text atomically.
  package static func writeAtomically(_ text: String, to path: String) throws(InputError) {
    try writeAtomically(Array(text.utf8), to: path)
  }

  /// Makes a folder and its parents (`mkdir -p`).
  package static func makeDirectory(_ path: String) throws(InputError) {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/") {
      prefix += part
      if kind(of: prefix) != .directory, mkdir(prefix, 0o755) != 0, errno != EEXIST {
        throw .io(path: path, detail: "cannot create the folder: \(errnoText())")
      }
      prefix += "/"
    }
  }
}

/// Reads a file in chunks with `read(2)`, for parsers that stream large inputs.
final class ChunkedFileReader {
  let path: String
  private let fd: Int32
  /// The file's size, when `fstat(2)` knows it.
  let size: Int?

  init(path: String) throws(InputError) {
    self.path = path
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      if errno == ENOENT { throw .notFound(path: path, detail: "no such file") }
      throw .io(path: path, detail: "cannot open: \(FileAccess.errnoText())")
    }
    var st = stat()
    if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw .io(path: path, detail: "is a folder, expected a file")
    }
    self.fd = fd
    self.size = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : nil
  }

  deinit { close(fd) }

  /// Moves the read position to byte `offset` (`lseek(2)`).
  func seek(to offset: Int) throws(InputError) {
    guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else {
      throw .io(path: path, detail: "seek failed: \(FileAccess.errnoText())")
    }
  }

  /// Reads into `buffer[offset...]`, at most `count` bytes (default: to the buffer's end);
  /// returns the number of bytes read, 0 at end of file.
  func read(
    into buffer: inout [UInt8], from offset: Int, count: Int? = nil
  ) throws(InputError) -> Int {
    let count = count ?? buffer.count - offset
    while true {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, count) }
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw .io(path: path, detail: "read failed: \(FileAccess.errnoText())")
    }
  }
}

/// Writes a file through a temporary file in the same folder and renames it into place on
/// ``commit()``, so readers never see a partial file; without a commit the temporary file is
/// removed.
package final class AtomicFileWriter {
  package let path: String
  private let tempPath: String
  private var fd: Int32
  private var committed = false

  package init(path: String) throws(InputError) {
    self.path = path
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[..<$0]) } ?? "."
    let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var template = Array("\(folder.isEmpty ? "/" : folder)/.\(base).tmp-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw .io(path: path, detail: "cannot create a file here: \(FileAccess.errnoText())")
    }
    self.fd = fd
    self.tempPath = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  deinit {
    if !committed {
      if fd >= 0 { close(fd) }
      unlink(tempPath)
    }
  }

  /// Appends bytes.
  package func write(_ bytes: [UInt8]) throws(InputError) {
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes {
        Glibc.write(fd, $0.baseAddress! + written, bytes.count - written)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(path: path, detail: "write failed: \(FileAccess.errnoText())")
      }
      written += n
    }
  }

  /// Closes the file and moves it into place.
  package func commit() throws(InputError) {
    fchmod(fd, 0o644)
    let status = close(fd)
    fd = -1
    guard status == 0 else {
      throw .io(path: path, detail: "write failed: \(FileAccess.errnoText())")
    }
    guard rename(tempPath, path) == 0 else {
      throw .io(path: path, detail: "cannot replace the file: \(FileAccess.errnoText())")
    }
    committed = true
  }
}
