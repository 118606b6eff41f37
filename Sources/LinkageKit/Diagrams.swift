import LinkageCore
import LinkageGraphviz
import LinkageReports

/// A diagram of a ``SupplyChain``, drawn by Graphviz in process.
public enum DiagramKind: Sendable, Hashable {
  /// Every node and link: tiers left to right, kinds as shapes, sectors as colors.
  case structure
  /// The top single points of failure, the targets they cut off and the chains between.
  case singlePointsOfFailure(top: Int)
  /// The best routes from a node to the buyers.
  case referenceRoutes(from: String, count: Int)
  /// Reach classes as colors; with `robust`, dual reach that hangs on one failure is marked.
  case dualUseReach(robust: Bool)
}

/// An image format Graphviz writes here.
public enum ImageFormat: Sendable, Hashable {
  case svg, png, pdf, dot
}

extension SupplyChain {
  /// The bytes of a diagram (`dot`: DOT text). The same chain and kind give the same bytes.
  /// - Throws: ``LinkageError/invalidRequest(message:)`` for an unknown start node, or
  ///   ``LinkageError/unreadable(path:detail:)`` when Graphviz refuses to render.
  /// - Complexity: the analysis, then Graphviz's layout (summarized by kind and tier above
  ///   600 nodes).
  public func diagram(
    _ kind: DiagramKind = .structure, format: ImageFormat = .svg
  )
    throws(LinkageError) -> [UInt8]
  {
    let view: DiagramView
    switch kind {
    case .structure: view = .structure(input)
    case .singlePointsOfFailure(let top):
      let asked = AnalysisRequest.Options.failures(targets: nil, prefix: "")
      let request: AnalysisRequest
      do throws(RequestError) {
        request = try AnalysisRequest(graph: graph, options: asked)
      } catch { throw LinkageError(error) }
      var options = SpofReport.Options()
      options.limit = max(1, top)
      options.includesRedundancy = false
      view = .spof(SpofReport(input: input, request: request, options: options), context: 1)
    case .referenceRoutes(let from, let count):
      let asked = AnalysisRequest.Options.routes(
        from: from, to: nil, by: "hops", via: nil, prefix: "")
      let request: AnalysisRequest
      do throws(RequestError) {
        request = try AnalysisRequest(graph: graph, options: asked)
      } catch { throw LinkageError(error) }
      var options = PathsReport.Options()
      options.count = max(1, count)
      view = .paths(PathsReport(input: input, request: request, options: options), context: 1)
    case .dualUseReach(let robust):
      var options = ReachReport.Options()
      options.robust = robust
      options.limit = 0
      options.listLimit = 0
      view = .reach(ReachReport(input: input, options: options), over: .structure(input))
    }
    do {
      // Fitted to a 16:9 slide, as `linkage render` draws by default.
      let fit = try SlideFit(views: [view], graph: graph, frame: .slide)
      let graphviz: GraphvizRenderer.Format
      switch format {
      case .dot:
        var diagram = fit.drawing.diagram
        diagram.graphAttributes += SlideFrame.slide.graphAttributes(bitmap: false)
        return Array(DOTWriter.text(of: diagram).utf8)
      case .svg: graphviz = .svg
      case .png: graphviz = .png
      case .pdf: graphviz = .pdf
      }
      return try GraphvizRenderer.render(fit.drawing.diagram, format: graphviz, fittedTo: .slide)
    } catch {
      throw .unreadable(path: "graphviz", detail: "\(error)")
    }
  }
}
