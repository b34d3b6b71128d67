// Where a node pod may run (tasks.md §5.3): on its mode's dedicated Karpenter
// node pool, which is tainted so nothing else lands there.
#ifndef SEI_LIB_TASKS_RENDER_SCHEDULING_H_
#define SEI_LIB_TASKS_RENDER_SCHEDULING_H_

#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"
#include "lib/tasks/platform/platform_config.h"

namespace sei::tasks::render {

// [{key: SEI_TOLERATION_KEY, value: <pool>, effect: NoSchedule}].
k8s::Object PoolTolerations(absl::string_view pool, const PlatformConfig& config);

// Required node affinity `karpenter.sh/nodepool In [<pool>]`.
k8s::Object PoolAffinity(absl::string_view pool);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_SCHEDULING_H_
