// The operator's Deployment: the manager flags of tasks.md §6.1, probes on
// the health port, a hardened container, and an environment the operator's
// own startup validation (lib/tasks/platform) accepts.
#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/tests/yaml_file.h"
#include "lib/tasks/platform/platform_config.h"

namespace sei::config {
namespace {

using Json = nlohmann::json;

Json Load(const std::string& file) {
  absl::StatusOr<Json> document = ReadSingleYamlDocument("config/" + file);
  INFO(document.status().ToString());
  REQUIRE(document.ok());
  return *document;
}

Json ManagerContainer() {
  const Json deployment = Load("manager/manager.yaml");
  REQUIRE(deployment["kind"] == "Deployment");
  const Json& containers = deployment["spec"]["template"]["spec"]["containers"];
  REQUIRE(containers.size() == 1);
  return containers[0];
}

// Literal env values; valueFrom entries (downward API) have none.
std::map<std::string, std::string> LiteralEnv(const Json& container) {
  std::map<std::string, std::string> env;
  for (const Json& var : container["env"]) {
    if (var.contains("value")) {
      REQUIRE(var["value"].is_string());  // a YAML number here would be rejected by the API server
      env[var["name"].get<std::string>()] = var["value"].get<std::string>();
    }
  }
  return env;
}

tasks::EnvLookup LookupIn(const std::map<std::string, std::string>& env) {
  return [&env](absl::string_view name) -> std::optional<std::string> {
    const auto it = env.find(std::string(name));
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
}

TEST_CASE("the Deployment's environment passes the operator's startup validation", "[manager]") {
  const std::map<std::string, std::string> env = LiteralEnv(ManagerContainer());
  const absl::StatusOr<tasks::PlatformConfig> config = tasks::LoadPlatformConfig(LookupIn(env));
  INFO(config.status().ToString());
  REQUIRE(config.ok());
  // The spec's example values where it gives one.
  CHECK(config->nodepool_name == "sei-node");
  CHECK(config->storage_class_perf == "gp3-10k-750");
  CHECK(config->storage_size_archive == "40Ti");
  CHECK(config->resource_cpu_archive == "48");
  CHECK(config->resource_mem_default == "32Gi");
  CHECK(config->result_export_prefix == "shadow-results/");
  CHECK(config->nlb_target_type == "ip");

  // And the check is real: dropping any one variable makes startup fail.
  for (const auto& entry : env) {
    std::map<std::string, std::string> without = env;
    without.erase(entry.first);
    const absl::StatusOr<tasks::PlatformConfig> missing =
        tasks::LoadPlatformConfig(LookupIn(without));
    INFO(entry.first);
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(std::string(missing.status().message()), Catch::Contains(entry.first));
  }
}

TEST_CASE("the namespace and lease identity come from the downward API", "[manager]") {
  std::map<std::string, std::string> field_refs;
  const Json container = ManagerContainer();
  for (const Json& var : container["env"]) {
    if (var.contains("valueFrom")) {
      field_refs[var["name"].get<std::string>()] =
          var["valueFrom"]["fieldRef"]["fieldPath"].get<std::string>();
    }
  }
  CHECK(field_refs == std::map<std::string, std::string>{{"POD_NAME", "metadata.name"},
                                                         {"POD_NAMESPACE", "metadata.namespace"}});
}

TEST_CASE("the manager flags, ports and probes", "[manager]") {
  const Json container = ManagerContainer();
  CHECK(container["image"] == "sei-operator:latest");
  CHECK(container["args"] == Json({"--leader-elect", "--metrics-bind-address=:8080",
                                   "--health-probe-bind-address=:8081"}));
  CHECK(container["livenessProbe"]["httpGet"] == Json({{"path", "/healthz"}, {"port", 8081}}));
  CHECK(container["readinessProbe"]["httpGet"] == Json({{"path", "/readyz"}, {"port", 8081}}));
  std::map<std::string, int> ports;
  for (const Json& port : container["ports"]) ports[port["name"]] = port["containerPort"];
  CHECK(ports == std::map<std::string, int>{{"http-metrics", 8080}, {"health", 8081}});
  CHECK(container["resources"]["requests"].contains("cpu"));
  CHECK(container["resources"]["requests"].contains("memory"));
  CHECK(container["resources"]["limits"].contains("memory"));
}

TEST_CASE("the manager runs non-root on a read-only root filesystem", "[manager]") {
  const Json deployment = Load("manager/manager.yaml");
  const Json& pod = deployment["spec"]["template"]["spec"];
  CHECK(pod["securityContext"]["runAsNonRoot"] == true);
  const Json container = ManagerContainer();
  const Json& security = container["securityContext"];
  CHECK(security["runAsNonRoot"] == true);
  CHECK(security["readOnlyRootFilesystem"] == true);
  CHECK(security["allowPrivilegeEscalation"] == false);
  CHECK(security["capabilities"]["drop"] == Json({"ALL"}));
  CHECK(security["runAsUser"].get<int>() > 0);
}

TEST_CASE("the metrics Service selects the manager pod's metrics port", "[manager]") {
  const Json deployment = Load("manager/manager.yaml");
  const Json service = Load("manager/metrics_service.yaml");
  const Json& pod_labels = deployment["spec"]["template"]["metadata"]["labels"];
  for (const auto& selector : service["spec"]["selector"].items()) {
    INFO(selector.key());
    CHECK(pod_labels.value(selector.key(), "") == selector.value());
  }
  CHECK(deployment["spec"]["selector"]["matchLabels"] == service["spec"]["selector"]);
  REQUIRE(service["spec"]["ports"].size() == 1);
  CHECK(service["spec"]["ports"][0]["port"] == 8080);
  CHECK(service["spec"]["ports"][0]["targetPort"] == "http-metrics");
  CHECK(service["metadata"]["namespace"] == Load("manager/namespace.yaml")["metadata"]["name"]);
}

}  // namespace
}  // namespace sei::config
