#include "lib/tasks/platform/platform_config.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "absl/status/status.h"

namespace sei::tasks {
namespace {

// Every required variable with a distinct value.
std::map<std::string, std::string> CompleteEnvironment() {
  return {
      {"SEI_NODEPOOL_NAME", "sei-node"},
      {"SEI_NODEPOOL_ARCHIVE", "sei-archive"},
      {"SEI_TOLERATION_KEY", "sei.io/workload"},
      {"SEI_SERVICE_ACCOUNT", "seid-node"},
      {"SEI_STORAGE_CLASS_PERF", "gp3-10k-750"},
      {"SEI_STORAGE_CLASS_DEFAULT", "gp3"},
      {"SEI_STORAGE_CLASS_ARCHIVE", "gp3-archive"},
      {"SEI_STORAGE_SIZE_DEFAULT", "2000Gi"},
      {"SEI_STORAGE_SIZE_ARCHIVE", "40Ti"},
      {"SEI_RESOURCE_CPU_ARCHIVE", "48"},
      {"SEI_RESOURCE_MEM_ARCHIVE", "448Gi"},
      {"SEI_RESOURCE_CPU_DEFAULT", "4"},
      {"SEI_RESOURCE_MEM_DEFAULT", "32Gi"},
      {"SEI_SNAPSHOT_BUCKET", "snapshots"},
      {"SEI_SNAPSHOT_REGION", "us-east-2"},
      {"SEI_RESULT_EXPORT_BUCKET", "results"},
      {"SEI_RESULT_EXPORT_REGION", "us-west-1"},
      {"SEI_RESULT_EXPORT_PREFIX", "shadow-results/"},
      {"SEI_GENESIS_BUCKET", "genesis"},
      {"SEI_GENESIS_REGION", "eu-west-1"},
      {"SEI_GATEWAY_NAME", "sei-gateway"},
      {"SEI_GATEWAY_NAMESPACE", "gateway"},
      {"SEI_GATEWAY_DOMAIN", "nodes.example.com"},
      {"SEI_SIDECAR_IMAGE", "seictl:1"},
      {"SEI_KUBE_RBAC_PROXY_IMAGE", "proxy:1"},
      {"SEI_COSMOS_EXPORTER_IMAGE", "exporter:1"},
  };
}

EnvLookup LookupIn(std::map<std::string, std::string> values) {
  return [values = std::move(values)](absl::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST_CASE("LoadPlatformConfig fills every field from its variable") {
  std::map<std::string, std::string> env = CompleteEnvironment();
  env["SEI_GATEWAY_PUBLIC_DOMAIN"] = "public.example.com";
  env["SEI_P2P_ENDPOINT_DOMAIN"] = "p2p.example.com";
  env["SEI_NLB_TARGET_TYPE"] = "instance";
  absl::StatusOr<PlatformConfig> config = LoadPlatformConfig(LookupIn(env));
  REQUIRE(config.ok());
  CHECK(config->nodepool_name == "sei-node");
  CHECK(config->nodepool_archive == "sei-archive");
  CHECK(config->toleration_key == "sei.io/workload");
  CHECK(config->service_account == "seid-node");
  CHECK(config->storage_class_perf == "gp3-10k-750");
  CHECK(config->storage_class_default == "gp3");
  CHECK(config->storage_class_archive == "gp3-archive");
  CHECK(config->storage_size_default == "2000Gi");
  CHECK(config->storage_size_archive == "40Ti");
  CHECK(config->resource_cpu_archive == "48");
  CHECK(config->resource_mem_archive == "448Gi");
  CHECK(config->resource_cpu_default == "4");
  CHECK(config->resource_mem_default == "32Gi");
  CHECK(config->snapshot_bucket == "snapshots");
  CHECK(config->snapshot_region == "us-east-2");
  CHECK(config->result_export_bucket == "results");
  CHECK(config->result_export_region == "us-west-1");
  CHECK(config->result_export_prefix == "shadow-results/");
  CHECK(config->genesis_bucket == "genesis");
  CHECK(config->genesis_region == "eu-west-1");
  CHECK(config->gateway_name == "sei-gateway");
  CHECK(config->gateway_namespace == "gateway");
  CHECK(config->gateway_domain == "nodes.example.com");
  CHECK(config->gateway_public_domain == "public.example.com");
  CHECK(config->p2p_endpoint_domain == "p2p.example.com");
  CHECK(config->nlb_target_type == "instance");
  CHECK(config->sidecar_image == "seictl:1");
  CHECK(config->kube_rbac_proxy_image == "proxy:1");
  CHECK(config->cosmos_exporter_image == "exporter:1");
}

TEST_CASE("LoadPlatformConfig leaves optional variables empty and defaults the NLB type") {
  absl::StatusOr<PlatformConfig> config = LoadPlatformConfig(LookupIn(CompleteEnvironment()));
  REQUIRE(config.ok());
  CHECK(config->gateway_public_domain.empty());
  CHECK(config->p2p_endpoint_domain.empty());
  CHECK(config->nlb_target_type == "ip");
}

TEST_CASE("LoadPlatformConfig trims whitespace around values") {
  std::map<std::string, std::string> env = CompleteEnvironment();
  env["SEI_NODEPOOL_NAME"] = "  sei-node\t\n";
  env["SEI_NLB_TARGET_TYPE"] = " instance ";
  absl::StatusOr<PlatformConfig> config = LoadPlatformConfig(LookupIn(env));
  REQUIRE(config.ok());
  CHECK(config->nodepool_name == "sei-node");
  CHECK(config->nlb_target_type == "instance");
}

TEST_CASE("LoadPlatformConfig lists every missing required name, sorted, in one error") {
  std::map<std::string, std::string> env = CompleteEnvironment();
  env.erase("SEI_TOLERATION_KEY");
  env.erase("SEI_COSMOS_EXPORTER_IMAGE");
  env["SEI_GENESIS_BUCKET"] = "   ";     // blank after trimming counts as missing
  env.erase("SEI_P2P_ENDPOINT_DOMAIN");  // optional: never reported
  absl::StatusOr<PlatformConfig> config = LoadPlatformConfig(LookupIn(env));
  REQUIRE_FALSE(config.ok());
  CHECK(config.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(config.status().message() ==
        "missing required platform configuration: SEI_COSMOS_EXPORTER_IMAGE, "
        "SEI_GENESIS_BUCKET, SEI_TOLERATION_KEY");
}

TEST_CASE("LoadPlatformConfig with an empty environment names all 26 required variables") {
  absl::StatusOr<PlatformConfig> config = LoadPlatformConfig(LookupIn({}));
  REQUIRE_FALSE(config.ok());
  const std::string message(config.status().message());
  CHECK(message ==
        "missing required platform configuration: SEI_COSMOS_EXPORTER_IMAGE, "
        "SEI_GATEWAY_DOMAIN, SEI_GATEWAY_NAME, SEI_GATEWAY_NAMESPACE, SEI_GENESIS_BUCKET, "
        "SEI_GENESIS_REGION, SEI_KUBE_RBAC_PROXY_IMAGE, SEI_NODEPOOL_ARCHIVE, SEI_NODEPOOL_NAME, "
        "SEI_RESOURCE_CPU_ARCHIVE, SEI_RESOURCE_CPU_DEFAULT, SEI_RESOURCE_MEM_ARCHIVE, "
        "SEI_RESOURCE_MEM_DEFAULT, SEI_RESULT_EXPORT_BUCKET, SEI_RESULT_EXPORT_PREFIX, "
        "SEI_RESULT_EXPORT_REGION, SEI_SERVICE_ACCOUNT, SEI_SIDECAR_IMAGE, SEI_SNAPSHOT_BUCKET, "
        "SEI_SNAPSHOT_REGION, SEI_STORAGE_CLASS_ARCHIVE, SEI_STORAGE_CLASS_DEFAULT, "
        "SEI_STORAGE_CLASS_PERF, SEI_STORAGE_SIZE_ARCHIVE, SEI_STORAGE_SIZE_DEFAULT, "
        "SEI_TOLERATION_KEY");
}

TEST_CASE("LoadPlatformConfig treats a null lookup as an empty environment") {
  absl::StatusOr<PlatformConfig> config = LoadPlatformConfig(EnvLookup());
  REQUIRE_FALSE(config.ok());
  CHECK(config.status().message().find("SEI_NODEPOOL_NAME") != absl::string_view::npos);
}

TEST_CASE("LoadPlatformConfig accepts only ip or instance as the NLB target type") {
  std::map<std::string, std::string> env = CompleteEnvironment();
  SECTION("ip") {
    env["SEI_NLB_TARGET_TYPE"] = "ip";
    absl::StatusOr<PlatformConfig> config = LoadPlatformConfig(LookupIn(env));
    REQUIRE(config.ok());
    CHECK(config->nlb_target_type == "ip");
  }
  SECTION("blank means ip") {
    env["SEI_NLB_TARGET_TYPE"] = "  ";
    absl::StatusOr<PlatformConfig> config = LoadPlatformConfig(LookupIn(env));
    REQUIRE(config.ok());
    CHECK(config->nlb_target_type == "ip");
  }
  SECTION("anything else fails") {
    env["SEI_NLB_TARGET_TYPE"] = "IP";
    absl::StatusOr<PlatformConfig> config = LoadPlatformConfig(LookupIn(env));
    REQUIRE_FALSE(config.ok());
    CHECK(config.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(config.status().message() ==
          "SEI_NLB_TARGET_TYPE must be \"ip\" or \"instance\", got \"IP\"");
  }
}

TEST_CASE("PlannerConfigOf hands the planner the default sidecar image") {
  PlatformConfig config;
  config.sidecar_image = "seictl:7";
  CHECK(PlannerConfigOf(config).default_sidecar_image == "seictl:7");
}

}  // namespace
}  // namespace sei::tasks
