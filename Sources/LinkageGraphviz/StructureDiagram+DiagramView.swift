import LinkageCore
import LinkageReports

extension DiagramView {
  /// The diagram of the view (summarized by kind and tier above `maximumNodes`).
  package func diagram(
    of graph: SupplyGraph, maximumNodes: Int = 600,
    layout: StructureDiagram.Layout = StructureDiagram.Layout()
  ) -> StructureDiagram {
    StructureDiagram(
      graph: graph, nodes: nodes, title: title, maximumNodes: maximumNodes, overlay: overlay,
      layout: layout)
  }
}
