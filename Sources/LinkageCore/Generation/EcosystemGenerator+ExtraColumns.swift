#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The extra attribute columns of `EcosystemGenerator.Options.extraColumns`: what real exports
// carry besides the graph (where a company is, who owns it, how big it is; what a contract
// says). String columns draw from small pools with a heavy tail, so values repeat as they do in
// real data; numeric columns spread over orders of magnitude.
//
// Every cell has a random stream of its own, keyed by the seed, the column and the row's node
// index or the edge's place in generation order, so a value travels with its node or edge when
// ids or edge rows are shuffled, and a column's values do not depend on how many columns there
// are.

extension EcosystemGenerator {
  /// Node columns, string and numeric alternating; beyond ten the cycle repeats as
  /// `country_2`, `revenue_musd_2`, ….
  static let extraNodeColumnNames = [
    "country", "revenue_musd", "owner", "employees", "region", "founded", "segment",
    "capacity_units", "certification", "rating",
  ]

  /// Edge columns, string and numeric alternating, repeating like the node columns.
  static let extraEdgeColumnNames = [
    "contract", "volume", "currency", "unit_price", "incoterm", "distance_km", "transport",
    "order_count", "status", "on_time_rate",
  ]

  /// The name of extra column `j` from a cycle of names.
  static func extraColumnName(_ j: Int, in names: [String]) -> String {
    j < names.count ? names[j] : "\(names[j % names.count])_\(j / names.count + 1)"
  }

  /// Adds the extra node columns, every node in index order.
  /// - Complexity: O(*V* · *C*) time, where *C* is the number of extra columns.
  func addExtraNodeColumns(to b: inout SupplyGraphBuilder) {
    guard options.extraColumns > 0 else { return }
    var text: [UInt8] = []
    for j in 0..<options.extraColumns {
      let column = b.nodeAttributeColumn(Self.extraColumnName(j, in: Self.extraNodeColumnNames))
      let copy = UInt64(j / Self.extraNodeColumnNames.count)
      let salt = cellSalt(table: 1, column: UInt64(j))
      // `region` agrees with `country` of the same copy.
      let countrySalt = cellSalt(table: 1, column: copy * 10)
      let owners = max(20, nodeCount / 100)
      for v in 0..<nodeCount {
        let node = NodeIndex(v)
        var r = CellRandom(salt: salt, row: v)
        func string(_ bytes: [UInt8]) {
          bytes.withUnsafeBufferPointer { b.setNodeAttribute(column: column, text: $0, for: node) }
        }
        switch j % Self.extraNodeColumnNames.count {
        case 0: string(ExtraValues.countries[r.skewed(ExtraValues.countries.count, 2.2)])
        case 1: b.setNodeNumber(column: column, r.rounded(pow(10, 4 * r.unit() - 1), 10), for: node)
        case 2:
          // One company in five belongs to no group; groups own from one to thousands.
          guard r.below(5) != 0 else { continue }
          text.removeAll(keepingCapacity: true)
          text.append(contentsOf: "Group ".utf8)
          text.append(contentsOf: String(1 + r.skewed(owners, 3)).utf8)
          string(text)
        case 3: b.setNodeNumber(column: column, (pow(10, 1 + 3.5 * r.unit())).rounded(), for: node)
        case 4:
          var c = CellRandom(salt: countrySalt, row: v)
          string(
            ExtraValues.regions[
              ExtraValues.regionOfCountry[c.skewed(ExtraValues.countries.count, 2.2)]])
        case 5: b.setNodeNumber(column: column, Double(1950 + r.below(75)), for: node)
        case 6: string(ExtraValues.segments[r.skewed(ExtraValues.segments.count, 1.8)])
        case 7:
          b.setNodeNumber(column: column, (pow(10, 1 + 3 * r.unit())).rounded() * 10, for: node)
        case 8:
          guard r.below(4) != 0 else { continue }  // a quarter hold no certification
          string(ExtraValues.certifications[r.skewed(ExtraValues.certifications.count, 1.6)])
        default: b.setNodeNumber(column: column, Double(10 + r.below(41)) / 10, for: node)
        }
      }
    }
  }

  /// Makes the extra edge columns; their values are filled edge by edge as edges are added.
  func extraEdgeColumns(in b: inout SupplyGraphBuilder) -> ExtraEdgeColumns {
    ExtraEdgeColumns(
      columns: (0..<options.extraColumns).map {
        b.edgeAttributeColumn(Self.extraColumnName($0, in: Self.extraEdgeColumnNames))
      },
      salts: (0..<options.extraColumns).map { cellSalt(table: 2, column: UInt64($0)) })
  }

  /// The seed of a column's cell streams.
  func cellSalt(table: UInt64, column: UInt64) -> UInt64 {
    CellRandom.mix(seed ^ CellRandom.mix(table << 32 | column))
  }
}

/// The handles and seeds of the extra edge columns.
struct ExtraEdgeColumns {
  let columns: [Int]
  let salts: [UInt64]

  /// Sets the extra columns of `edge`, which was made `generationIndex`-th.
  /// - Complexity: O(*C*), the number of extra columns.
  func fill(_ b: inout SupplyGraphBuilder, edge: EdgeIndex, generationIndex g: Int) {
    for (j, column) in columns.enumerated() {
      var r = CellRandom(salt: salts[j], row: g)
      func string(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { b.setEdgeAttribute(column: column, text: $0, for: edge) }
      }
      switch j % EcosystemGenerator.extraEdgeColumnNames.count {
      case 0: string(ExtraValues.contracts[r.skewed(ExtraValues.contracts.count, 1.5)])
      case 1: b.setEdgeNumber(column: column, (pow(10, 1 + 4 * r.unit())).rounded(), for: edge)
      case 2: string(ExtraValues.currencies[r.skewed(ExtraValues.currencies.count, 2)])
      case 3: b.setEdgeNumber(column: column, r.rounded(pow(10, 5 * r.unit() - 1), 100), for: edge)
      case 4: string(ExtraValues.incoterms[r.skewed(ExtraValues.incoterms.count, 1.7)])
      case 5: b.setEdgeNumber(column: column, Double(20 + r.below(12_000)), for: edge)
      case 6: string(ExtraValues.transports[r.skewed(ExtraValues.transports.count, 1.8)])
      case 7: b.setEdgeNumber(column: column, Double(1 + Int(pow(r.unit(), 3) * 500)), for: edge)
      case 8: string(ExtraValues.statuses[r.skewed(ExtraValues.statuses.count, 2.5)])
      default: b.setEdgeNumber(column: column, Double(50 + r.below(51)) / 100, for: edge)
      }
    }
  }
}

/// SplitMix64 started from a column's salt and a row, so every cell has its own stream.
struct CellRandom {
  private var state: UInt64

  @inline(__always)
  init(salt: UInt64, row: Int) {
    state = Self.mix(salt &+ UInt64(row) &* 0x9E37_79B9_7F4A_7C15)
  }

  /// The SplitMix64 output function.
  @inline(__always)
  static func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  @inline(__always)
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.mix(state)
  }

  /// A uniform double in [0, 1).
  @inline(__always)
  mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A uniform integer in `0..<bound`.
  @inline(__always)
  mutating func below(_ bound: Int) -> Int {
    Int(truncatingIfNeeded: (UInt128(next()) * UInt128(UInt64(bound))) >> 64)
  }

  /// An index in `0..<count`, the first ones most likely (a power of a uniform draw).
  @inline(__always)
  mutating func skewed(_ count: Int, _ power: Double) -> Int {
    min(count - 1, Int(Double(count) * pow(unit(), power)))
  }

  /// `x` rounded to `1 / perUnit`, at least that much.
  @inline(__always)
  func rounded(_ x: Double, _ perUnit: Double) -> Double {
    max(1, (x * perUnit).rounded()) / perUnit
  }
}

/// The pools string columns draw from, most common first, as UTF-8.
enum ExtraValues {
  static func utf8(_ values: [String]) -> [[UInt8]] { values.map { Array($0.utf8) } }

  /// ISO 3166 codes; none reads as a number or a boolean.
  static let countries = utf8([
    "US", "CN", "DE", "JP", "KR", "TW", "FR", "GB", "NL", "IT", "IL", "CA", "SE", "IN", "SG",
    "ES", "CH", "PL", "FI", "AU", "BE", "CZ", "MY", "VN",
  ])
  static let regions = utf8([
    "North America", "East Asia", "Europe", "Middle East", "South Asia", "Southeast Asia",
    "Oceania",
  ])
  /// The region of each country, by index.
  static let regionOfCountry = [
    0, 1, 2, 1, 1, 1, 2, 2, 2, 2, 3, 0, 2, 4, 5, 2, 2, 2, 2, 6, 2, 2, 5, 5,
  ]
  static let segments = utf8([
    "electronics", "semiconductors", "software", "materials", "machinery", "aerospace",
    "automotive", "telecom", "shipbuilding", "energy", "chemicals", "optics",
  ])
  static let certifications = utf8([
    "ISO 9001", "AS9100", "ISO 27001", "IATF 16949", "ISO 14001", "NADCAP",
  ])
  static let contracts = utf8(["framework", "long-term", "spot", "tender"])
  static let currencies = utf8([
    "USD", "EUR", "KRW", "JPY", "CNY", "GBP", "TWD", "SEK", "CHF", "ILS",
  ])
  static let incoterms = utf8(["FCA", "EXW", "DAP", "FOB", "CIF", "DDP", "CPT"])
  static let transports = utf8(["road", "sea", "air", "rail"])
  static let statuses = utf8(["active", "pending", "expired", "suspended"])
}
