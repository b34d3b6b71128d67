// The two pods a node runs: the long-lived production pod of the StatefulSet
// and the one-shot bootstrap Job pod that restores a snapshot up to a height.
// Their containers share most of their definition; the flavor says which
// differences of tasks.md §5.9.1 apply.
#ifndef SEI_LIB_TASKS_RENDER_POD_FLAVOR_H_
#define SEI_LIB_TASKS_RENDER_POD_FLAVOR_H_

namespace sei::tasks::render {

enum class PodFlavor { kProduction, kBootstrap };

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_POD_FLAVOR_H_
