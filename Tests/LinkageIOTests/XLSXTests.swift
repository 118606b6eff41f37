import LinkageCore
import LinkageTestSupport
import Testing

@testable import LinkageIO

@Suite("Excel workbooks: cell places, dates, formats")
struct XLSXTests {
  @Test(
    "column letters and cell references agree both ways",
    arguments: [1, 2, 26, 27, 52, 702, 703, 16384])
  func columns(n: Int) {
    let letters = SourceLocation.columnLetters(n)
    #expect(XLSXWorkbook.column(of: letters + "12") == n)
    #expect(
      SourceLocation(file: "b.xlsx", line: 12, column: n, sheet: "nodes").description
        == "b.xlsx:nodes!\(letters)12")
  }

  @Test("date serials against a brute-force day count")
  func dates() {
    #expect(XLSXWorkbook.isoDate(serial: 1, date1904: false) == "1900-01-01")
    #expect(XLSXWorkbook.isoDate(serial: 59, date1904: false) == "1900-02-28")
    #expect(XLSXWorkbook.isoDate(serial: 61, date1904: false) == "1900-03-01")
    #expect(XLSXWorkbook.isoDate(serial: 44259, date1904: false) == "2021-03-04")
    #expect(
      XLSXWorkbook.isoDate(serial: 43832.354166666664, date1904: false) == "2020-01-02T08:30:00")
    #expect(XLSXWorkbook.isoDate(serial: 0, date1904: true) == "1904-01-01")
    // Every day from 1 March 1900 for 200 years, counted one by one.
    var (y, m, d) = (1900, 3, 1)
    func days(_ month: Int, _ year: Int) -> Int {
      [
        31, (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31,
        31, 30, 31, 30, 31,
      ][month - 1]
    }
    var rng = SeededRandom(seed: 5)
    for serial in 61..<(61 + 73_000) {
      if rng.below(97) == 0 {
        let expected = "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
        #expect(XLSXWorkbook.isoDate(serial: Double(serial), date1904: false) == expected)
      }
      d += 1
      if d > days(m, y) {
        d = 1
        m += 1
        if m > 12 {
          m = 1
          y += 1
        }
      }
    }
  }

  @Test("which number formats are dates")
  func formats() {
    #expect(XLSXWorkbook.isDateFormat("yyyy-mm-dd"))
    #expect(XLSXWorkbook.isDateFormat("[$-409]h:mm AM/PM"))
    #expect(!XLSXWorkbook.isDateFormat("0.00"))
    #expect(!XLSXWorkbook.isDateFormat("[Red]#,##0"))
    #expect(!XLSXWorkbook.isDateFormat("\"days\" 0"))
    #expect(!XLSXWorkbook.isDateFormat("General"))
  }

  @Test("--sheet arguments")
  func sheetNames() throws {
    let names = try XLSXSheetNames(parsing: ["nodes=Firms", "edges=Links,meta=About"])
    #expect(names == XLSXSheetNames(nodes: "Firms", edges: "Links", meta: "About"))
    #expect(throws: FieldMappingError.self) { try XLSXSheetNames(parsing: ["vertices=A"]) }
  }
}
