// The C side of Linkage's Graphviz contact: the headers, and the few things Swift cannot
// reach directly. Only LinkageGraphviz imports this module.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

// Swift 6 rejects the `Agdirected` global (mutable shared state); return it by value.
static inline Agdesc_t linkage_agdirected(void) { return Agdirected; }

// Graphviz writes its own messages (bitmap scaling, font fallbacks) to stderr; Linkage reports
// failures from return codes instead, so the messages are dropped.
static inline int linkage_drop_message(char *message) { (void)message; return 0; }
static inline void linkage_silence_messages(void) {
  agseterr(AGMAX);
  agseterrf(linkage_drop_message);
}

// The laid-out drawing's bounding box in points (after gvLayout), title and legend included.
static inline void linkage_drawing_size(Agraph_t *g, double *width, double *height) {
  boxf bb = GD_bb(g);
  *width = bb.UR.x - bb.LL.x;
  *height = bb.UR.y - bb.LL.y;
}
