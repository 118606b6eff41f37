enum BundledDataset { static let koreaAX = "nodes: []\nedges: []\n" }
