// The operator's platform configuration: the SEI_* environment variables of
// tasks.md §6.1, read once at startup and handed to every renderer. Renderers
// never read the environment themselves.
#ifndef SEI_LIB_TASKS_PLATFORM_PLATFORM_CONFIG_H_
#define SEI_LIB_TASKS_PLATFORM_PLATFORM_CONFIG_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/planner/core/planner_config.h"

namespace sei::tasks {

inline constexpr absl::string_view kNlbTargetTypeIp = "ip";
inline constexpr absl::string_view kNlbTargetTypeInstance = "instance";

struct PlatformConfig {
  // Scheduling.
  std::string nodepool_name;     // SEI_NODEPOOL_NAME: default node pool
  std::string nodepool_archive;  // SEI_NODEPOOL_ARCHIVE: archive node pool
  std::string toleration_key;    // SEI_TOLERATION_KEY: taint key of the pools
  std::string service_account;   // SEI_SERVICE_ACCOUNT: node pods' service account

  // Storage.
  std::string storage_class_perf;     // SEI_STORAGE_CLASS_PERF: full/validator/replayer
  std::string storage_class_default;  // SEI_STORAGE_CLASS_DEFAULT: any other mode
  std::string storage_class_archive;  // SEI_STORAGE_CLASS_ARCHIVE: archive
  std::string storage_size_default;   // SEI_STORAGE_SIZE_DEFAULT: non-archive size
  std::string storage_size_archive;   // SEI_STORAGE_SIZE_ARCHIVE: archive size

  // seid resource requests.
  std::string resource_cpu_archive;  // SEI_RESOURCE_CPU_ARCHIVE
  std::string resource_mem_archive;  // SEI_RESOURCE_MEM_ARCHIVE
  std::string resource_cpu_default;  // SEI_RESOURCE_CPU_DEFAULT
  std::string resource_mem_default;  // SEI_RESOURCE_MEM_DEFAULT

  // Object storage handed to the sidecar and to result export.
  std::string snapshot_bucket;       // SEI_SNAPSHOT_BUCKET
  std::string snapshot_region;       // SEI_SNAPSHOT_REGION
  std::string result_export_bucket;  // SEI_RESULT_EXPORT_BUCKET
  std::string result_export_region;  // SEI_RESULT_EXPORT_REGION
  std::string result_export_prefix;  // SEI_RESULT_EXPORT_PREFIX
  std::string genesis_bucket;        // SEI_GENESIS_BUCKET
  std::string genesis_region;        // SEI_GENESIS_REGION

  // Deployment networking.
  std::string gateway_name;           // SEI_GATEWAY_NAME
  std::string gateway_namespace;      // SEI_GATEWAY_NAMESPACE
  std::string gateway_domain;         // SEI_GATEWAY_DOMAIN
  std::string gateway_public_domain;  // SEI_GATEWAY_PUBLIC_DOMAIN (optional)
  std::string p2p_endpoint_domain;    // SEI_P2P_ENDPOINT_DOMAIN (optional)
  std::string nlb_target_type;        // SEI_NLB_TARGET_TYPE: "ip" (default) or "instance"

  // Images of the pod's helper containers.
  std::string sidecar_image;          // SEI_SIDECAR_IMAGE: default sidecar, drift baseline
  std::string kube_rbac_proxy_image;  // SEI_KUBE_RBAC_PROXY_IMAGE
  std::string cosmos_exporter_image;  // SEI_COSMOS_EXPORTER_IMAGE
};

// Looks up one environment variable; nullopt when it is unset.
using EnvLookup = std::function<std::optional<std::string>(absl::string_view name)>;

// Reads every variable through `env`, trimming surrounding whitespace. A
// required variable that is unset or blank is missing; all missing names are
// reported in one error, sorted:
//   `missing required platform configuration: SEI_A, SEI_B`
// SEI_COSMOS_EXPORTER_IMAGE is required (every StatefulSet render needs it).
// SEI_NLB_TARGET_TYPE defaults to "ip"; any value but ip/instance fails with
//   `SEI_NLB_TARGET_TYPE must be "ip" or "instance", got "<value>"`.
absl::StatusOr<PlatformConfig> LoadPlatformConfig(const EnvLookup& env);

// The part of the configuration the planner decides with.
planner::PlannerConfig PlannerConfigOf(const PlatformConfig& config);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_PLATFORM_PLATFORM_CONFIG_H_
