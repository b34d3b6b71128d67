#include "lib/tasks/platform/platform_config.h"

#include <algorithm>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sei::tasks {
namespace {

struct Variable {
  absl::string_view name;
  std::string PlatformConfig::*field;
  bool required;
};

// tasks.md §6.1, in the spec's order.
constexpr Variable kVariables[] = {
    {"SEI_NODEPOOL_NAME", &PlatformConfig::nodepool_name, true},
    {"SEI_NODEPOOL_ARCHIVE", &PlatformConfig::nodepool_archive, true},
    {"SEI_TOLERATION_KEY", &PlatformConfig::toleration_key, true},
    {"SEI_SERVICE_ACCOUNT", &PlatformConfig::service_account, true},
    {"SEI_STORAGE_CLASS_PERF", &PlatformConfig::storage_class_perf, true},
    {"SEI_STORAGE_CLASS_DEFAULT", &PlatformConfig::storage_class_default, true},
    {"SEI_STORAGE_CLASS_ARCHIVE", &PlatformConfig::storage_class_archive, true},
    {"SEI_STORAGE_SIZE_DEFAULT", &PlatformConfig::storage_size_default, true},
    {"SEI_STORAGE_SIZE_ARCHIVE", &PlatformConfig::storage_size_archive, true},
    {"SEI_RESOURCE_CPU_ARCHIVE", &PlatformConfig::resource_cpu_archive, true},
    {"SEI_RESOURCE_MEM_ARCHIVE", &PlatformConfig::resource_mem_archive, true},
    {"SEI_RESOURCE_CPU_DEFAULT", &PlatformConfig::resource_cpu_default, true},
    {"SEI_RESOURCE_MEM_DEFAULT", &PlatformConfig::resource_mem_default, true},
    {"SEI_SNAPSHOT_BUCKET", &PlatformConfig::snapshot_bucket, true},
    {"SEI_SNAPSHOT_REGION", &PlatformConfig::snapshot_region, true},
    {"SEI_RESULT_EXPORT_BUCKET", &PlatformConfig::result_export_bucket, true},
    {"SEI_RESULT_EXPORT_REGION", &PlatformConfig::result_export_region, true},
    {"SEI_RESULT_EXPORT_PREFIX", &PlatformConfig::result_export_prefix, true},
    {"SEI_GENESIS_BUCKET", &PlatformConfig::genesis_bucket, true},
    {"SEI_GENESIS_REGION", &PlatformConfig::genesis_region, true},
    {"SEI_GATEWAY_NAME", &PlatformConfig::gateway_name, true},
    {"SEI_GATEWAY_NAMESPACE", &PlatformConfig::gateway_namespace, true},
    {"SEI_GATEWAY_DOMAIN", &PlatformConfig::gateway_domain, true},
    {"SEI_SIDECAR_IMAGE", &PlatformConfig::sidecar_image, true},
    {"SEI_KUBE_RBAC_PROXY_IMAGE", &PlatformConfig::kube_rbac_proxy_image, true},
    // Not validated by the reference at startup, but no StatefulSet renders
    // without it; failing at startup beats failing every node later.
    {"SEI_COSMOS_EXPORTER_IMAGE", &PlatformConfig::cosmos_exporter_image, true},
    {"SEI_GATEWAY_PUBLIC_DOMAIN", &PlatformConfig::gateway_public_domain, false},
    {"SEI_P2P_ENDPOINT_DOMAIN", &PlatformConfig::p2p_endpoint_domain, false},
    {"SEI_NLB_TARGET_TYPE", &PlatformConfig::nlb_target_type, false},
};

}  // namespace

absl::StatusOr<PlatformConfig> LoadPlatformConfig(const EnvLookup& env) {
  PlatformConfig config;
  std::vector<absl::string_view> missing;
  for (const Variable& variable : kVariables) {
    std::optional<std::string> value = env ? env(variable.name) : std::nullopt;
    std::string trimmed = value ? std::string(absl::StripAsciiWhitespace(*value)) : "";
    if (variable.required && trimmed.empty()) missing.push_back(variable.name);
    config.*variable.field = std::move(trimmed);
  }
  if (!missing.empty()) {
    std::sort(missing.begin(), missing.end());
    return absl::InvalidArgumentError(
        absl::StrCat("missing required platform configuration: ", absl::StrJoin(missing, ", ")));
  }
  if (config.nlb_target_type.empty()) config.nlb_target_type = std::string(kNlbTargetTypeIp);
  if (config.nlb_target_type != kNlbTargetTypeIp &&
      config.nlb_target_type != kNlbTargetTypeInstance) {
    return absl::InvalidArgumentError(
        absl::StrCat("SEI_NLB_TARGET_TYPE must be \"ip\" or \"instance\", got \"",
                     config.nlb_target_type, "\""));
  }
  return config;
}

planner::PlannerConfig PlannerConfigOf(const PlatformConfig& config) {
  planner::PlannerConfig planner_config;
  planner_config.default_sidecar_image = config.sidecar_image;
  return planner_config;
}

}  // namespace sei::tasks
