#include "lib/tasks/platform/mode_resources.h"

namespace sei::tasks {

ModeResources ResourcesForMode(planner::NodeMode mode, const PlatformConfig& config) {
  if (mode == planner::NodeMode::kArchive) {
    return {config.storage_class_archive, config.storage_size_archive, config.resource_cpu_archive,
            config.resource_mem_archive, config.nodepool_archive};
  }
  // Every current non-archive mode runs on the performance class; the
  // reference's SEI_STORAGE_CLASS_DEFAULT is for modes that do not exist yet.
  return {config.storage_class_perf, config.storage_size_default, config.resource_cpu_default,
          config.resource_mem_default, config.nodepool_name};
}

}  // namespace sei::tasks
