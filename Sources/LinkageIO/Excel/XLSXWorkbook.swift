import LinkageCore

/// One cell of a worksheet, with its value as the document decoder takes it.
struct XLSXCell {
  let row: Int
  let column: Int
  let value: DocumentNode.Value
}

/// An `.xlsx` workbook: its sheet names, and each sheet's cells by row, read with
/// Linkage's own XML scanner (no DTD, predefined entities only, bounded depth and text).
///
/// Cell values: shared and inline strings (rich-text runs joined, phonetic runs left out)
/// are text; numbers are numbers (whole ones stay whole); booleans are booleans; a number in
/// a date or time format is ISO 8601 text (`2026-03-01`, `2026-03-01T08:30:00`), in the
/// 1900 or 1904 date system as the workbook says; a formula is its cached value; an error
/// value (`#N/A`) is an empty cell, with a warning.
struct XLSXWorkbook {
  private var package: XLSXPackage
  /// The sheets in workbook order, with the part each is stored in.
  private(set) var sheets: [(name: String, part: String)] = []
  private var sharedStrings: [String] = []
  /// For each cell style (`s=`), whether its number format is a date or time.
  private var dateStyles: [Bool] = []
  private var date1904 = false
  var file: String { package.file }

  /// - Complexity: O(size of the workbook, shared strings and styles parts).
  init(path: String) throws(InputError) {
    package = try XLSXPackage(path: path)
    guard let workbook = try package.part("xl/workbook.xml") else {
      throw XLSXPackage.error(path, "not an Excel workbook: the archive has no xl/workbook.xml")
    }
    var targets: [String: String] = [:]
    if let rels = try package.part("xl/_rels/workbook.xml.rels") {
      try Self.scan(rels, "xl/_rels/workbook.xml.rels", path) { (name, attributes) in
        if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
          targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
      }
    }
    var order: [(String, String)] = []
    try Self.scan(workbook, "xl/workbook.xml", path) { name, attributes in
      if name == "sheet", let sheetName = attributes["name"] {
        let rid = attributes["r:id"] ?? attributes["id"] ?? ""
        let part = targets[rid] ?? "xl/worksheets/sheet\(order.count + 1).xml"
        order.append((sheetName, part))
      } else if name == "workbookPr", let d = attributes["date1904"] {
        date1904 = d == "1" || d == "true"
      }
    }
    sheets = order.map { (name: $0.0, part: $0.1) }
    if let shared = try package.part("xl/sharedStrings.xml") {
      sharedStrings = try Self.sharedStrings(shared, path)
    }
    if let styles = try package.part("xl/styles.xml") {
      dateStyles = try Self.dateStyles(styles, path)
    }
  }

  /// Calls `body` with each element's local name and attributes (by qualified and local name).
  private static func scan(
    _ bytes: [UInt8], _ part: String, _ file: String,
    _ body: (String, [String: String]) -> Void
  ) throws(InputError) {
    var scanner = XMLScanner(bytes)
    do throws(XMLScanner.Failure) {
      while let event = try scanner.next() {
        if case .start(let name, let attributes, _, _, _) = event {
          var map: [String: String] = [:]
          for a in attributes {
            map[a.name] = a.value
            map[String(XMLText.localName(a.name))] =
              map[String(XMLText.localName(a.name))] ?? a.value
          }
          body(String(XMLText.localName(name)), map)
        }
      }
    } catch {
      throw XLSXPackage.error(file, "\(part), line \(error.line): malformed XML: \(error.message)")
    }
  }

  private static func sharedStrings(_ bytes: [UInt8], _ file: String) throws(InputError) -> [String]
  {
    var scanner = XMLScanner(bytes)
    var out: [String] = []
    var current = ""
    var inText = false
    var phonetic = 0
    do throws(XMLScanner.Failure) {
      while let event = try scanner.next() {
        switch event {
        case .start(let name, _, _, _, let empty):
          switch XMLText.localName(name) {
          case "si": current = ""
          case "t": inText = !empty
          case "rPh": if !empty { phonetic += 1 }
          default: break
          }
          if XMLText.localName(name) == "si", empty { out.append("") }
        case .text(let text, _, _):
          if inText, phonetic == 0 { current += text }
        case .end(let name, _, _):
          switch XMLText.localName(name) {
          case "si": out.append(current)
          case "t": inText = false
          case "rPh": phonetic -= 1
          default: break
          }
        }
      }
    } catch {
      throw XLSXPackage.error(
        file, "xl/sharedStrings.xml, line \(error.line): malformed XML: \(error.message)")
    }
    return out
  }

  /// Built-in number formats that are dates or times (ECMA-376 18.8.30).
  private static let builtInDates: Set<Int> = Set(14...22).union(27...36).union(45...47)
    .union(50...58)

  /// Whether a custom format code shows a date or time (d, m, y, h or s outside quoted
  /// text, escapes and `[...]` sections such as colours).
  static func isDateFormat(_ code: String) -> Bool {
    var quoted = false
    var bracket = false
    var escaped = false
    for c in code.lowercased() {
      if escaped {
        escaped = false
        continue
      }
      switch c {
      case "\\": escaped = true
      case "\"": quoted.toggle()
      case "[" where !quoted: bracket = true
      case "]" where !quoted: bracket = false
      case "d", "m", "y", "h", "s":
        // (A `where` here would bind to "s" alone.)
        if !quoted && !bracket { return true }
      default: break
      }
    }
    return false
  }

  private static func dateStyles(_ bytes: [UInt8], _ file: String) throws(InputError) -> [Bool] {
    var custom: [Int: Bool] = [:]
    var styles: [Bool] = []
    var inCellXfs = false
    var scanner = XMLScanner(bytes)
    do throws(XMLScanner.Failure) {
      while let event = try scanner.next() {
        switch event {
        case .start(let name, let attributes, _, _, _):
          let local = XMLText.localName(name)
          func attribute(_ n: String) -> String? { attributes.first { $0.name == n }?.value }
          if local == "numFmt", let id = attribute("numFmtId").flatMap({ Int($0) }) {
            custom[id] = isDateFormat(attribute("formatCode") ?? "")
          } else if local == "cellXfs" {
            inCellXfs = true
          } else if local == "xf", inCellXfs {
            let id = attribute("numFmtId").flatMap { Int($0) } ?? 0
            styles.append(custom[id] ?? builtInDates.contains(id))
          }
        case .end(let name, _, _):
          if XMLText.localName(name) == "cellXfs" { inCellXfs = false }
        case .text: break
        }
      }
    } catch {
      throw XLSXPackage.error(
        file, "xl/styles.xml, line \(error.line): malformed XML: \(error.message)")
    }
    return styles
  }

  /// A date serial as ISO 8601 text: the date alone when it has no time of day.
  static func isoDate(serial: Double, date1904: Bool) -> String? {
    guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
    var days = Int(serial.rounded(.down))
    var seconds = Int(((serial - Double(days)) * 86_400).rounded())
    if seconds >= 86_400 {
      days += 1
      seconds -= 86_400
    }
    // Days from 1970-01-01: the 1900 system counts a 29 February 1900 that never was.
    let epochOffset: Int
    if date1904 {
      epochOffset = -24_107
    } else {
      epochOffset = days < 60 ? -25_568 : -25_569
    }
    let (y, m, d) = civil(fromDays: days + epochOffset)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let date = "\(y)-\(two(m))-\(two(d))"
    if seconds == 0 { return date }
    return date + "T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
  }

  /// The civil date of a day count from 1970-01-01 (H. Hinnant's algorithm).
  private static func civil(fromDays z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// The column number of a cell reference's letters (`C12` → 3), or nil.
  static func column(of reference: String) -> Int? {
    var n = 0
    var letters = 0
    for c in reference.utf8 {
      if c >= 65 && c <= 90 {
        n = n * 26 + Int(c - 64)
        letters += 1
      } else if c >= 97 && c <= 122 {
        n = n * 26 + Int(c - 96)
        letters += 1
      } else {
        break
      }
      if letters > 3 { return nil }
    }
    return letters == 0 ? nil : n
  }

  /// The cells of sheet `index`, row by row; `warnings` gets each error value's place.
  /// - Complexity: O(size of the sheet part).
  mutating func cells(
    ofSheet index: Int, warnings: inout [Diagnostic]
  ) throws(InputError)
    -> [[XLSXCell]]
  {
    let sheet = sheets[index]
    guard let bytes = try package.part(sheet.part) else {
      throw XLSXPackage.error(
        file, "sheet '\(sheet.name)' has no part \(sheet.part) in the archive")
    }
    var scanner = XMLScanner(bytes)
    var rows: [[XLSXCell]] = []
    var row = 0
    var column = 0
    var type = ""
    var style = -1
    var text = ""
    var collecting = false
    var inCell = false
    var current: [XLSXCell] = []
    func flush() {
      if !current.isEmpty { rows.append(current) }
      current = []
    }
    do throws(XMLScanner.Failure) {
      while let event = try scanner.next() {
        switch event {
        case .start(let name, let attributes, _, _, let empty):
          func attribute(_ n: String) -> String? { attributes.first { $0.name == n }?.value }
          switch XMLText.localName(name) {
          case "row":
            flush()
            row = attribute("r").flatMap { Int($0) } ?? row + 1
            column = 0
          case "c":
            if let r = attribute("r") {
              column = Self.column(of: r) ?? column + 1
              if let digits = Int(r.drop { !$0.isNumber }), digits != row {
                flush()
                row = digits
              }
            } else {
              column += 1
            }
            type = attribute("t") ?? "n"
            style = attribute("s").flatMap { Int($0) } ?? -1
            text = ""
            inCell = !empty
          case "v", "t":
            collecting = inCell && !empty
          case "rPh":
            collecting = false
          default: break
          }
        case .text(let t, _, _):
          if collecting { text += t }
        case .end(let name, _, _):
          switch XMLText.localName(name) {
          case "v", "t": collecting = false
          case "c":
            inCell = false
            let place = SourceLocation(file: file, line: row, column: column, sheet: sheet.name)
            var value: DocumentNode.Value? = nil
            switch type {
            case "s":
              if let i = Int(text), i >= 0, i < sharedStrings.count {
                value = .string(sharedStrings[i])
              } else if !text.isEmpty {
                warnings.append(
                  Diagnostic(
                    .warning, "shared string \(text) is not in the workbook: read as empty",
                    at: place))
              }
            case "str", "inlineStr":
              if !text.isEmpty { value = .string(text) }
            case "b":
              value = .bool(text == "1" || text.lowercased() == "true")
            case "e":
              warnings.append(
                Diagnostic(
                  .warning, "the cell holds the Excel error \(text): read as empty", at: place))
            default:
              let trimmed = XMLText.trimmed(text)
              if trimmed.isEmpty { break }
              guard let d = Double(trimmed), d.isFinite else {
                value = .string(text)
                break
              }
              if style >= 0, style < dateStyles.count, dateStyles[style],
                let iso = Self.isoDate(serial: d, date1904: date1904)
              {
                value = .string(iso)
              } else {
                value = .number(d)
              }
            }
            if let value { current.append(XLSXCell(row: row, column: column, value: value)) }
          default: break
          }
        }
      }
    } catch {
      throw XLSXPackage.error(
        file,
        "sheet '\(sheet.name)' (\(sheet.part)), line \(error.line): malformed XML: \(error.message)"
      )
    }
    flush()
    return rows
  }
}
