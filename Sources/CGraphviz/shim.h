// The C side of Linkage's Graphviz contact: the headers, and the few things Swift cannot
// reach directly. Only LinkageGraphviz imports this module.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

// Swift 6 rejects the `Agdirected` global (mutable shared state); return it by value.
static inline Agdesc_t linkage_agdirected(void) { return Agdirected; }
