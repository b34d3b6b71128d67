// The one fixed PlatformConfig every render test and golden file uses. Values
// are the spec's examples where it gives one (tasks.md §6.1), otherwise
// recognisable placeholders, so a golden diff shows where a value came from.
#ifndef SEI_LIB_TASKS_PLATFORM_TEST_PLATFORM_CONFIG_H_
#define SEI_LIB_TASKS_PLATFORM_TEST_PLATFORM_CONFIG_H_

#include "lib/tasks/platform/platform_config.h"

namespace sei::tasks::testing {

inline PlatformConfig TestPlatformConfig() {
  PlatformConfig config;
  config.nodepool_name = "sei-node";
  config.nodepool_archive = "sei-archive";
  config.toleration_key = "sei.io/workload";
  config.service_account = "seid-node";
  config.storage_class_perf = "gp3-10k-750";
  config.storage_class_default = "gp3";
  config.storage_class_archive = "gp3-archive";
  config.storage_size_default = "2000Gi";
  config.storage_size_archive = "40Ti";
  config.resource_cpu_archive = "48";
  config.resource_mem_archive = "448Gi";
  config.resource_cpu_default = "4";
  config.resource_mem_default = "32Gi";
  config.snapshot_bucket = "sei-snapshots";
  config.snapshot_region = "us-east-2";
  config.result_export_bucket = "sei-results";
  config.result_export_region = "us-east-2";
  config.result_export_prefix = "shadow-results/";
  config.genesis_bucket = "sei-genesis";
  config.genesis_region = "us-east-2";
  config.gateway_name = "sei-gateway";
  config.gateway_namespace = "gateway";
  config.gateway_domain = "nodes.example.com";
  config.gateway_public_domain = "";
  config.p2p_endpoint_domain = "";
  config.nlb_target_type = "ip";
  config.sidecar_image = "ghcr.io/sei-protocol/seictl:v1.0.0";
  config.kube_rbac_proxy_image = "quay.io/brancz/kube-rbac-proxy:v0.18.0";
  config.cosmos_exporter_image = "ghcr.io/sei-protocol/cosmos-exporter:v1.0.0";
  return config;
}

}  // namespace sei::tasks::testing

#endif  // SEI_LIB_TASKS_PLATFORM_TEST_PLATFORM_CONFIG_H_
