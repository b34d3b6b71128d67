// What a node's mode costs on the platform (tasks.md §6.2): its data volume's
// storage class and size, seid's resource requests and the node pool it is
// scheduled on.
#ifndef SEI_LIB_TASKS_PLATFORM_MODE_RESOURCES_H_
#define SEI_LIB_TASKS_PLATFORM_MODE_RESOURCES_H_

#include <string>

#include "lib/planner/core/node_mode.h"
#include "lib/tasks/platform/platform_config.h"

namespace sei::tasks {

struct ModeResources {
  std::string storage_class;   // PVC storageClassName
  std::string storage_size;    // PVC requests.storage; also the import minimum
  std::string cpu_request;     // seid requests.cpu
  std::string memory_request;  // seid requests.memory
  std::string node_pool;       // toleration value and node-affinity pool
};

// Archive: the *_ARCHIVE values and SEI_NODEPOOL_ARCHIVE. Full, validator and
// replayer: SEI_STORAGE_CLASS_PERF, SEI_STORAGE_SIZE_DEFAULT, the *_DEFAULT
// requests and SEI_NODEPOOL_NAME.
ModeResources ResourcesForMode(planner::NodeMode mode, const PlatformConfig& config);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_PLATFORM_MODE_RESOURCES_H_
