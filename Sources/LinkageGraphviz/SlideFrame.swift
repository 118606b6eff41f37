/// The frame a drawing must fit: a slide or a page, in pixels, and the resolution of PNG
/// output. The default is a 16:9 slide of 1920×1080 px at 96 dpi.
package struct SlideFrame: Sendable, Equatable, CustomStringConvertible {
  package var width: Int
  package var height: Int
  /// Pixels per inch of PNG output (and of sizes given in inches).
  package var dpi: Int

  /// The smallest text, in frame pixels, a drawing may have once fitted into its frame.
  package static let readableTextPixels = 12.0

  package static let slide = SlideFrame(width: 1920, height: 1080, dpi: 96)

  package init(width: Int, height: Int, dpi: Int = 96) {
    self.width = width
    self.height = height
    self.dpi = dpi
  }

  package struct ParseError: Error, CustomStringConvertible {
    package let description: String
  }

  /// Reads `--size`: an aspect ratio `W:H` (1080 px high: `16:9` is 1920×1080, `4:3`
  /// 1440×1080), pixels `WxH` (`1920x1080`, `1280x720px`), or inches `WxHin` (`13.33x7.5in`,
  /// times `dpi`).
  /// - Throws: ``ParseError`` naming what was expected.
  package init(parsing text: String, dpi: Int = 96) throws {
    let expected =
      "expected --size as W:H (16:9), pixels WxH (1920x1080) or inches WxHin (13.33x7.5in), found '\(text)'"
    guard dpi >= 10, dpi <= 2400 else {
      throw ParseError(description: "--dpi must be between 10 and 2400, found \(dpi)")
    }
    let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
    if lower.contains(":") {
      let parts = lower.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count == 2, let w = Double(parts[0]), let h = Double(parts[1]), w > 0, h > 0,
        w / h <= 10, h / w <= 10
      else { throw ParseError(description: expected) }
      self.init(width: Int((1080 * w / h).rounded()), height: 1080, dpi: dpi)
      return
    }
    var body = Substring(lower)
    var scale = 1.0
    if body.hasSuffix("in") {
      body = body.dropLast(2)
      scale = Double(dpi)
    } else if body.hasSuffix("px") {
      body = body.dropLast(2)
    }
    let parts = body.split(separator: "x", omittingEmptySubsequences: false)
    guard parts.count == 2, let w = Double(parts[0]), let h = Double(parts[1]), w.isFinite,
      h.isFinite
    else { throw ParseError(description: expected) }
    let width = Int((w * scale).rounded())
    let height = Int((h * scale).rounded())
    guard (100...20_000).contains(width), (100...20_000).contains(height) else {
      throw ParseError(
        description: "--size '\(text)' is \(width)x\(height) px: each side must be 100 to 20000 px")
    }
    self.init(width: width, height: height, dpi: dpi)
  }

  package var description: String { "\(width)x\(height) px" }

  /// How large text of `points` is, in frame pixels, when a drawing of `size` (points) is
  /// scaled to fit the frame (up or down, keeping its aspect).
  package func textPixels(_ points: Double, in size: GraphvizRenderer.DrawingSize) -> Double {
    guard size.width > 0, size.height > 0 else { return points }
    return points * min(Double(width) / size.width, Double(height) / size.height)
  }

  /// The Graphviz `size` and `dpi` attributes that make a drawing no larger than the frame:
  /// a PNG at most `width`×`height` px, an SVG at most that many CSS pixels.
  /// - Parameter bitmap: whether the output is a bitmap (PNG); SVG and PDF sizes are in
  ///   points, at 96 CSS pixels per inch.
  package func graphAttributes(bitmap: Bool) -> [(String, String)] {
    let perInch = bitmap ? Double(dpi) : 96
    let size =
      "\(NumberText.short(Double(width) / perInch)),\(NumberText.short(Double(height) / perInch))"
    return bitmap ? [("size", size), ("dpi", String(dpi))] : [("size", size)]
  }
}

/// Short decimal text for Graphviz attributes (at most four decimals, no trailing zeros).
enum NumberText {
  static func short(_ value: Double) -> String {
    let scaled = Int((value * 10_000).rounded())
    let whole = scaled / 10_000
    var fraction = String(scaled % 10_000)
    while fraction.count < 4 { fraction = "0" + fraction }
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
  }
}

#if canImport(Foundation)
  import Foundation
#endif

extension GraphvizRenderer {
  /// `diagram` rendered no larger than `frame`: its `size` (and, for PNG, `dpi`) set from the
  /// frame. Graphviz rounds a scaled bitmap up by a few pixels at some resolutions, so a PNG
  /// that comes out larger than the frame is rendered again with the frame shrunk by the
  /// overshoot (at most twice more; the same input gives the same bytes).
  /// - Throws: ``Failure`` when Graphviz refuses the layout or the format.
  package static func render(
    _ diagram: Diagram, format: Format, fittedTo frame: SlideFrame
  ) throws -> [UInt8] {
    var target = frame
    var bytes: [UInt8] = []
    for _ in 0..<3 {
      var sized = diagram
      sized.graphAttributes += target.graphAttributes(bitmap: format == .png)
      bytes = try render(sized, format: format)
      guard format == .png, let (width, height) = pngSize(bytes),
        width > frame.width || height > frame.height
      else { return bytes }
      target.width = max(1, target.width - max(0, width - frame.width) - 1)
      target.height = max(1, target.height - max(0, height - frame.height) - 1)
    }
    return bytes
  }

  /// The width and height in a PNG's header, or nil when it is not a PNG.
  static func pngSize(_ bytes: [UInt8]) -> (Int, Int)? {
    guard bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return nil }
    let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
    return (width, height)
  }
}
