//===----------------------------------------------------------------------===//
// Diagram.withReadableText()
//===----------------------------------------------------------------------===//

/// WCAG 2 contrast of `#RRGGBB` colours: relative luminance and the contrast ratio.
package enum TextContrast {
  /// The relative luminance of `#RRGGBB` (nil for other spellings).
  package static func luminance(_ hex: String) -> Double? {
    var s = Substring(hex)
    guard s.first == "#" else { return nil }
    s = s.dropFirst()
    guard s.count == 6, let value = UInt32(s, radix: 16) else { return nil }
    func channel(_ shift: UInt32) -> Double {
      let c = Double((value >> shift) & 0xFF) / 255
      return c <= 0.03928 ? c / 12.92 : power24((c + 0.055) / 1.055)
    }
    return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
  }

  /// `x` to the power 2.4 (the sRGB exponent) for `x` in (0, 1]: `x² · x^0.4`, where
  /// `y = x^0.4` solves `y⁵ = x²` (Newton's method; no C math library needed).
  private static func power24(_ x: Double) -> Double {
    let target = x * x
    var y = 1.0
    for _ in 0..<60 {
      let y4 = y * y * y * y
      y -= (y4 * y - target) / (5 * y4)
    }
    return target * y
  }

  /// The contrast ratio of two luminances, from 1 to 21.
  package static func ratio(_ a: Double, _ b: Double) -> Double {
    (max(a, b) + 0.05) / (min(a, b) + 0.05)
  }

  /// The WCAG AA minimum for body text.
  package static let minimum = 4.5
}

extension Diagram {
  /// The diagram with every node's text readable on its fill: a text colour that has less than
  /// 4.5:1 contrast with the node's fill (WCAG AA) becomes black or white, whichever reads
  /// better. Colour is never the only mark of a node, so nothing is lost.
  /// - Complexity: O(*V* · attributes per node).
  package func withReadableText() -> Diagram {
    var d = self
    let defaultFill =
      nodeDefaults.last { $0.0 == "fillcolor" }?.1 ?? "#FFFFFF"
    let defaultText = nodeDefaults.last { $0.0 == "fontcolor" }?.1 ?? "#000000"
    for k in d.nodes.indices where d.nodes[k].htmlLabel == nil {
      let attributes = d.nodes[k].attributes
      let fill = attributes.last { $0.0 == "fillcolor" }?.1 ?? defaultFill
      let text = attributes.last { $0.0 == "fontcolor" }?.1 ?? defaultText
      guard let lf = TextContrast.luminance(fill), let lt = TextContrast.luminance(text),
        TextContrast.ratio(lf, lt) < TextContrast.minimum
      else { continue }
      let black = TextContrast.ratio(lf, 0)
      let white = TextContrast.ratio(lf, 1)
      d.nodes[k].attributes.append(("fontcolor", black >= white ? "#000000" : "#FFFFFF"))
    }
    return d
  }
}
