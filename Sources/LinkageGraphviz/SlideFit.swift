import LinkageCore
import LinkageReports

/// Chooses how to draw a view so it is readable in a frame: the layout (rank direction,
/// wrapped names), how much context, and whether to summarize, by laying candidates out and
/// measuring them. A candidate is readable when its smallest text, once the drawing is scaled
/// to fit the frame, is at least ``SlideFrame/readableTextPixels``.
///
/// Candidates are tried in order of how much they show: every view (the first shows the most
/// context), each left to right with edge labels inline, then beside their edges, then with
/// long names wrapped, then top to bottom; then the
/// summary by group. The first readable candidate wins; when none is, the most readable one
/// is drawn and the result says so. Candidates that cannot fit (``mayFit(_:in:)``: too many
/// nodes for the frame, or their text alone would cover too much of it) are not laid out, so a
/// large view costs two summary layouts, not several full ones.
///
/// - Complexity: at most 5 layouts per view plus 2 summary layouts; Graphviz's dot dominates.
package struct SlideFit: Sendable {
  /// The drawing chosen.
  package let drawing: StructureDiagram
  /// How it is laid out.
  package let layout: StructureDiagram.Layout
  /// Which of the views it draws (0: the first).
  package let viewIndex: Int
  /// Its smallest text in frame pixels once fitted into the frame.
  package let textPixels: Double
  /// Whether that meets ``SlideFrame/readableTextPixels``.
  package var isReadable: Bool { textPixels >= SlideFrame.readableTextPixels - 1e-9 }
  /// Whether the summary was chosen although the nodes were few enough to draw one by one.
  package let summarizedToFit: Bool
  /// The views with more nodes than the maximum (drawn only as a summary).
  package private(set) var overMaximumNodes = Set<Int>()

  /// - Parameters:
  ///   - views: what to draw, the most detailed first (e.g. less context in each next one).
  ///   - groupBy: summarize by this field (the summary is then the only candidate).
  /// - Throws: ``GraphvizRenderer/Failure`` when Graphviz refuses a layout.
  package init(
    views: [DiagramView], graph: SupplyGraph, frame: SlideFrame, maximumNodes: Int = 600,
    groupBy: String? = nil
  ) throws {
    precondition(!views.isEmpty, "SlideFit needs a view")
    var candidates: [(view: Int, layout: StructureDiagram.Layout)] = []
    if groupBy == nil {
      for index in views.indices {
        for layout in [
          StructureDiagram.Layout(rankDirection: "LR", inlineEdgeLabels: true),
          StructureDiagram.Layout(rankDirection: "LR"),
          StructureDiagram.Layout(rankDirection: "LR", wrapWidth: 30),
          StructureDiagram.Layout(rankDirection: "LR", wrapWidth: 22),
          StructureDiagram.Layout(rankDirection: "TB", wrapWidth: 14),
        ] { candidates.append((index, layout)) }
      }
    }
    let last = views.count - 1
    for direction in ["LR", "TB"] {
      candidates.append(
        (last, StructureDiagram.Layout(rankDirection: direction, summarize: true, groupBy: groupBy))
      )
    }
    let tooLarge = views[last].diagram(of: graph, maximumNodes: maximumNodes).summarized
    var best: SlideFit? = nil
    var laidOut = Set<Int>()
    var overMaximum = Set<Int>()
    for candidate in candidates {
      let drawing = views[candidate.view].diagram(
        of: graph, maximumNodes: maximumNodes, layout: candidate.layout)
      // A view too large to draw node by node is summarized whatever the layout asked: its
      // full-layout candidates are the summary candidates, tried once at the end.
      if drawing.summarized && !candidate.layout.summarize {
        overMaximum.insert(candidate.view)
        continue
      }
      if !candidate.layout.summarize, !Self.mayFit(drawing.diagram, in: frame) { continue }
      // Above 300 nodes each dot layout costs seconds: one full candidate per view at most.
      if !candidate.layout.summarize, drawing.diagram.nodes.count > 300,
        laidOut.contains(candidate.view)
      {
        continue
      }
      if !candidate.layout.summarize { laidOut.insert(candidate.view) }
      let size = try GraphvizRenderer.drawingSize(drawing.diagram)
      let fit = SlideFit(
        drawing: drawing, layout: candidate.layout, viewIndex: candidate.view,
        textPixels: frame.textPixels(drawing.diagram.smallestTextSize, in: size),
        summarizedToFit: candidate.layout.summarize && groupBy == nil && !tooLarge)
      if fit.isReadable {
        self = fit
        self.overMaximumNodes = overMaximum
        return
      }
      if best == nil || fit.textPixels > best!.textPixels { best = fit }
    }
    // The summary candidates are always laid out, so there is a best one.
    self = best!
    self.overMaximumNodes = overMaximum
  }

  private init(
    drawing: StructureDiagram, layout: StructureDiagram.Layout, viewIndex: Int,
    textPixels: Double, summarizedToFit: Bool
  ) {
    self.drawing = drawing
    self.layout = layout
    self.viewIndex = viewIndex
    self.textPixels = textPixels
    self.summarizedToFit = summarizedToFit
  }

  /// Whether a drawing may be readable in `frame` and is worth laying out: at most 250 nodes
  /// per 1920×1080 of frame (a readable full drawing of korea-ax's 69 nodes already fills
  /// 70% of it, and dot needs seconds per layout from a few hundred nodes), and its nodes' text
  /// covers at most a third of the frame (in dot's layered layouts nodes cover about a tenth
  /// of the drawing).
  static func mayFit(_ diagram: Diagram, in frame: SlideFrame) -> Bool {
    let area = Double(frame.width) * Double(frame.height)
    return Double(diagram.nodes.count) <= 250 * area / (1920 * 1080)
      && 3 * textArea(diagram) <= area
  }

  /// A lower bound on the area, in points², the nodes' labels cover at their text size (each
  /// character at least 0.45 em wide, wide characters 0.9 em, one line high), so a drawing
  /// whose text alone exceeds the frame is not laid out.
  /// - Complexity: O(label text).
  static func textArea(_ diagram: Diagram) -> Double {
    let em = Double(StructureDiagram.textSize)
    var area = 0.0
    for node in diagram.nodes {
      for line in node.label.split(separator: "\n") {
        var width = 0.0
        for c in line.unicodeScalars { width += c.value >= 0x1100 ? 0.9 : 0.45 }
        area += width * em * em
      }
    }
    return area
  }
}

extension SlideFit {
  /// What a reader should know about the choice, one line each: a summary, less context, a
  /// frame the view cannot be made readable in (with what would be).
  /// - Parameter contexts: the context of each view, when the views differ by context.
  package func notes(frame: SlideFrame, maximumNodes: Int, contexts: [Int] = []) -> [String] {
    var lines: [String] = []
    let grouping =
      layout.groupBy.map { "kind and \($0.replacing(",", with: " or "))" } ?? "kind and tier"
    if drawing.summarized && layout.groupBy == nil {
      if summarizedToFit {
        lines.append(
          "\(drawing.visibleNodes) nodes do not fit \(frame) readably: drawing groups by \(grouping) (use --focus ID for detail, --group-by FIELD, or a larger --size)"
        )
      } else {
        lines.append(
          "\(drawing.visibleNodes) nodes are more than --max-nodes \(maximumNodes): drawing groups by \(grouping) (use --focus ID for detail)"
        )
      }
    }
    if viewIndex > 0, viewIndex < contexts.count, !drawing.summarized {
      lines.append(
        overMaximumNodes.contains(0)
          ? "drawn with --context \(contexts[viewIndex]) instead of \(contexts[0]): with it the view has more than --max-nodes \(maximumNodes) nodes"
          : "drawn with --context \(contexts[viewIndex]) instead of \(contexts[0]) to fit \(frame) readably"
      )
    }
    if !isReadable {
      lines.append(
        "warning: not readable at \(frame): the smallest text is \(NumberText.short((textPixels * 10).rounded() / 10)) px once fitted (12 px wanted); try --focus ID --radius 1, --group-by FIELD, or a larger --size"
      )
    }
    return lines
  }
}
