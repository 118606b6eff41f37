import LinkageCore

/// Which input attribute fills which of Linkage's fields (`--map kind=type`), for files from
/// tools that name them differently: a Neo4j export's `type`, a Gephi file's `category`.
///
/// A mapped attribute is moved onto the field after reading, whatever the encoding; its
/// values are checked like the field's own (unknown kinds, sectors, relations are reported).
/// Without a mapping for `kind`, a graph in which no node has a kind takes it from a `type`
/// (else `label`) attribute that holds at least one known kind, and says so.
package struct FieldMapping: Sendable, Equatable {
  /// A field an attribute can be mapped onto.
  package enum Field: String, Sendable, CaseIterable {
    case kind, name, sector, stage, tier, relation, part

    /// Whether the field belongs to edges (relation, part) rather than nodes.
    package var isEdgeField: Bool { self == .relation || self == .part }
  }

  /// One field and the input attribute that fills it.
  package struct Entry: Sendable, Equatable {
    package let field: Field
    package let attribute: String
  }

  /// The mappings, in the order given.
  package private(set) var entries: [Entry] = []

  package init() {}

  /// Parses `FIELD=ATTRIBUTE` items (several per argument, comma-separated).
  /// - Throws: A message naming the bad item and what is expected.
  package init(parsing arguments: [String]) throws(FieldMappingError) {
    for argument in arguments {
      for item in argument.split(separator: ",", omittingEmptySubsequences: true) {
        let parts = item.split(separator: "=", maxSplits: 1).map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        let fields = Field.allCases.map(\.rawValue).joined(separator: ", ")
        guard parts.count == 2, !parts[1].isEmpty else {
          throw FieldMappingError(
            message: "--map '\(item)': expected FIELD=ATTRIBUTE, e.g. kind=type (fields: \(fields))"
          )
        }
        guard let field = Field(rawValue: parts[0]) else {
          throw FieldMappingError(
            message:
              "--map '\(item)': '\(parts[0])' is not a field that can be mapped (fields: \(fields))"
          )
        }
        if entries.contains(where: { $0.field == field }) {
          throw FieldMappingError(message: "--map names \(field.rawValue) twice")
        }
        entries.append(Entry(field: field, attribute: parts[1]))
      }
    }
  }

  package var isEmpty: Bool { entries.isEmpty }

  /// The attribute mapped onto `field`, if any.
  package func attribute(for field: Field) -> String? {
    entries.first { $0.field == field }?.attribute
  }
}

/// A `--map` argument that cannot be read.
package struct FieldMappingError: Error, Sendable, CustomStringConvertible {
  package let message: String
  package var description: String { message }
}

/// How to read a graph: the encoding to force (`--input-format`) and the field mapping.
package struct LoadOptions: Sendable, Equatable {
  /// The encoding to read the file as; `nil` to tell from its name and content.
  package var format: GraphEncoding?
  package var mapping: FieldMapping
  /// The worksheets of an `.xlsx` input.
  package var sheets: XLSXSheetNames
  /// The graph the input adds to (`--add`): its edges may link to this graph's nodes.
  package var base: SupplyGraph?
  /// With a base: an edge endpoint that is neither in the input nor in the base enters as a
  /// new node, with a warning (a candidates file naming a supplier not yet in the graph).
  package var newEndpointsAreNodes: Bool

  package init(
    format: GraphEncoding? = nil, mapping: FieldMapping = FieldMapping(),
    sheets: XLSXSheetNames = XLSXSheetNames(), base: SupplyGraph? = nil,
    newEndpointsAreNodes: Bool = false
  ) {
    self.format = format
    self.mapping = mapping
    self.sheets = sheets
    self.base = base
    self.newEndpointsAreNodes = newEndpointsAreNodes
  }

  package static func == (a: LoadOptions, b: LoadOptions) -> Bool {
    a.format == b.format && a.mapping == b.mapping && a.sheets == b.sheets
      && (a.base == nil) == (b.base == nil) && a.newEndpointsAreNodes == b.newEndpointsAreNodes
  }
}
