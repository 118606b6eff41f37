import Foundation
import LinkageCore
import ZIPFoundation

/// The ZIP container of an `.xlsx` workbook, read with bounds: no part is taken past
/// ``maximumPart`` bytes, nor all parts together past ``maximumTotal``, whatever sizes the
/// archive declares, so a zip bomb is refused after reading at most that much.
struct XLSXPackage {
  static let maximumPart = 256 << 20
  static let maximumTotal = 512 << 20

  let file: String
  private let archive: Archive
  private var total = 0

  /// Opens `path`, refusing what is not a ZIP archive with what it looks like instead.
  /// - Throws: ``InputError`` (not found, or a data error naming the problem).
  init(path: String) throws(InputError) {
    file = path
    guard FileAccess.kind(of: path) == .file, let handle = FileHandle(forReadingAtPath: path) else {
      throw .notFound(path: path, detail: "no such file")
    }
    let head = [UInt8](handle.readData(ofLength: 8))
    try? handle.close()
    if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
      throw Self.error(
        path,
        "an old Excel .xls file or a password-protected workbook, which Linkage cannot read: save it in Excel as an .xlsx workbook without a password"
      )
    }
    guard
      head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06])
    else {
      throw Self.error(
        path, "not an .xlsx workbook (an .xlsx file is a ZIP archive): save it from Excel as .xlsx")
    }
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw Self.error(
        path, "a damaged .xlsx workbook (its ZIP directory cannot be read): \(error)")
    }
  }

  static func error(_ file: String, _ message: String) -> InputError {
    .data(Diagnostic(.error, message, at: SourceLocation(file: file, line: 1, column: 1)))
  }

  /// The bytes of part `name` (`xl/workbook.xml`), or nil when the workbook has none.
  /// - Complexity: O(size of the part), at most ``maximumPart`` bytes read.
  mutating func part(_ name: String) throws(InputError) -> [UInt8]? {
    guard let entry = archive[name] else { return nil }
    var bytes: [UInt8] = []
    let budget = min(Self.maximumPart, Self.maximumTotal - total)
    struct TooLarge: Error {}
    do {
      _ = try archive.extract(entry, skipCRC32: false) { data in
        if bytes.count + data.count > budget { throw TooLarge() }
        bytes.append(contentsOf: data)
      }
    } catch is TooLarge {
      throw Self.error(
        file,
        "\(name) expands past \(budget >> 20) MiB: a zip bomb, or a workbook too large for Linkage to read (use the CSV pair)"
      )
    } catch {
      throw Self.error(file, "a damaged .xlsx workbook: \(name) cannot be decompressed (\(error))")
    }
    total += bytes.count
    return bytes
  }
}
