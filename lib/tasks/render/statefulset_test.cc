#include "lib/tasks/render/statefulset.h"

#include <catch2/catch.hpp>

#include "lib/tasks/platform/test_platform_config.h"
#include "lib/tasks/render/spec_hash.h"
#include "lib/tasks/render/test_nodes.h"

namespace sei::tasks::render {
namespace {

using tasks::testing::TestPlatformConfig;
using testing::FullNode;
using testing::KeyringValidator;

TEST_CASE("RenderStatefulSet fails without a mode sub-spec") {
  v1alpha1::SeiNode node = FullNode();
  node.mutable_spec()->clear_full_node();
  absl::StatusOr<k8s::Object> set = RenderStatefulSet(node, TestPlatformConfig());
  REQUIRE_FALSE(set.ok());
  CHECK(set.status().message() == "no mode sub-spec set on SeiNode chain/rpc-1");
}

TEST_CASE("RenderStatefulSet requires the proxy image, checked before the exporter image") {
  PlatformConfig config = TestPlatformConfig();
  config.kube_rbac_proxy_image.clear();
  config.cosmos_exporter_image.clear();
  absl::StatusOr<k8s::Object> set = RenderStatefulSet(FullNode(), config);
  REQUIRE_FALSE(set.ok());
  CHECK(set.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(set.status().message() == "SEI_KUBE_RBAC_PROXY_IMAGE is not configured on the controller");
}

TEST_CASE("RenderStatefulSet requires the exporter image") {
  PlatformConfig config = TestPlatformConfig();
  config.cosmos_exporter_image.clear();
  absl::StatusOr<k8s::Object> set = RenderStatefulSet(FullNode(), config);
  REQUIRE_FALSE(set.ok());
  CHECK(set.status().message() ==
        "SEI_COSMOS_EXPORTER_IMAGE is required on the operator Deployment");
}

TEST_CASE("RenderStatefulSet scales a paused node to zero and the hash sees it") {
  v1alpha1::SeiNode node = FullNode();
  absl::StatusOr<k8s::Object> running = RenderStatefulSet(node, TestPlatformConfig());
  node.mutable_spec()->set_paused(true);
  absl::StatusOr<k8s::Object> paused = RenderStatefulSet(node, TestPlatformConfig());
  REQUIRE(running.ok());
  REQUIRE(paused.ok());
  CHECK((*running)["spec"]["replicas"] == 1);
  CHECK((*paused)["spec"]["replicas"] == 0);
  CHECK(SpecHashAnnotationOf(*running) != SpecHashAnnotationOf(*paused));
}

TEST_CASE("RenderStatefulSet is deterministic and carries its own hash") {
  absl::StatusOr<k8s::Object> first = RenderStatefulSet(KeyringValidator(), TestPlatformConfig());
  absl::StatusOr<k8s::Object> second = RenderStatefulSet(KeyringValidator(), TestPlatformConfig());
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(*first == *second);
  CHECK(SpecHashAnnotationOf(*first) == SpecHash(*first));
  CHECK((*first)["metadata"]["ownerReferences"][0]["uid"] == "uid-1");
}

TEST_CASE("RenderStatefulSet orders containers, init containers and volumes as the spec does") {
  absl::StatusOr<k8s::Object> set = RenderStatefulSet(KeyringValidator(), TestPlatformConfig());
  REQUIRE(set.ok());
  const k8s::Object& pod = (*set)["spec"]["template"]["spec"];
  std::vector<std::string> init, main, volumes;
  for (const auto& c : pod["initContainers"]) init.push_back(c["name"]);
  for (const auto& c : pod["containers"]) main.push_back(c["name"]);
  for (const auto& v : pod["volumes"]) volumes.push_back(v["name"]);
  CHECK(init == std::vector<std::string>{"seid-init", "sei-sidecar", "kube-rbac-proxy"});
  CHECK(main == std::vector<std::string>{"seid", "cosmos-exporter"});
  CHECK(volumes == std::vector<std::string>{"data", "sidecar-tmp", "rbac-proxy-config",
                                            "signing-key", "node-key", "operator-keyring"});
}

}  // namespace
}  // namespace sei::tasks::render
